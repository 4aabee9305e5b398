namespace HealthWatch.Runtime.Conformance;

/// <summary>A file's result judged against the known failures.</summary>
/// <param name="Result">The file's results.</param>
/// <param name="Unexpected">Failures that are not listed: these make the run fail.</param>
/// <param name="Known">Failures that are listed.</param>
/// <param name="Stale">Listed entries for this file with no failing command on their line: the list must lose them.</param>
internal sealed record FileVerdict(FileResult Result, IReadOnlyList<CommandResult> Unexpected, IReadOnlyList<CommandResult> Known, IReadOnlyList<KnownFailure> Stale)
{
    public bool IsClean => Unexpected.Count == 0 && Stale.Count == 0;

    public static FileVerdict Judge(FileResult result, KnownFailures known)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(known);
        var failures = result.Failures.ToList();
        var failedLines = failures.Select(f => f.Line).ToHashSet();
        return new FileVerdict(
            result,
            [.. failures.Where(f => known.Find(f.File, f.Line) is null)],
            [.. failures.Where(f => known.Find(f.File, f.Line) is not null)],
            [.. known.ForFile(result.Name).Where(k => !failedLines.Contains(k.Line))]);
    }

    /// <summary>Messages for everything that makes this file fail, each naming file and line.</summary>
    public IEnumerable<string> Problems() =>
        Unexpected.Select(f => f.ToString())
            .Concat(Stale.Select(k => $"{k.File}.wast:{k.Line} is in {KnownFailures.ResourceName} ({k.Reason}) but passes now: remove it"));
}
