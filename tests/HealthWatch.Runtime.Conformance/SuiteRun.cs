using System.Collections.Concurrent;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Runs a list of files in parallel and reports each one, in list order, as soon as its predecessors are done.</summary>
internal static class SuiteRun
{
    public static IReadOnlyList<FileVerdict> Run(
        IWasmEngine engine, string directory, IReadOnlyList<string> files, KnownFailures known, int jobs, Action<FileVerdict> report)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(report);
        var verdicts = new FileVerdict?[files.Count];
        var next = 0;
        var gate = new Lock();

        // NoBuffering hands out files one at a time in order, so printing never waits long for a straggler.
        var partitioner = Partitioner.Create(Enumerable.Range(0, files.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var verdict = FileVerdict.Judge(SpecFileRunner.Run(engine, directory, files[i]), known);
            lock (gate)
            {
                verdicts[i] = verdict;
                for (; next < files.Count && verdicts[next] is { } ready; next++)
                {
                    report(ready);
                }
            }
        });

        return [.. verdicts.Select(v => v!)];
    }
}
