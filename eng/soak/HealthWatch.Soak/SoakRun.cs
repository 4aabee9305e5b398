using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Soak;

/// <summary>
/// Keeps <c>concurrency</c> runs in flight for the whole duration, half through a <see cref="ProbeRuntime"/> in this
/// process and half through the sidecar, each worker picking a case of <see cref="ProbeMix"/> at random; reports
/// throughput, latency, the thread pool and memory as it goes. At a quarter of the time and at the end it lets the
/// runs drain and measures memory at rest (this process's GC heap after a full collection, both working sets, open
/// file descriptors); the end must be within <see cref="HeapTolerance"/> / <see cref="RssTolerance"/> of the quarter
/// mark, the sidecar's resident set under load within <see cref="SidecarRssTolerance"/> of its second quarter's, and every run
/// must have ended exactly once with the outcome its case expects.
/// </summary>
internal static class SoakRun
{
    /// <summary>Heap growth allowed between the checkpoints: 10% plus 16 MiB.</summary>
    private static readonly (double Ratio, long Bytes) HeapTolerance = (0.10, 16L << 20);

    /// <summary>Working-set growth allowed at rest, after a collection that gives memory back: 25% plus 64 MiB.</summary>
    private static readonly (double Ratio, long Bytes) RssTolerance = (0.25, 64L << 20);

    /// <summary>
    /// The sidecar cannot be told to collect, and an idle process does not, so its resident set is judged under load:
    /// the median of the last quarter's samples may exceed the second quarter's by 25% plus 128 MiB. (A median, as
    /// one sample can catch a collection's high point.)
    /// </summary>
    private static readonly (double Ratio, long Bytes) SidecarRssTolerance = (0.25, 128L << 20);

    /// <summary>Open file descriptors allowed to differ (sockets in a closing state, pipes).</summary>
    private const int FdTolerance = 64;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(TimeSpan duration, string sidecarDll, string probesDir, int concurrency)
    {
        await using var server = await SoakServer.StartAsync();
        using var engine = new ManagedEngine();
        using var runtime = new ProbeRuntime(engine);
        await using var sidecar = SidecarClient.Start(sidecarDll);
        await sidecar.CallAsync("initialize", "{}");

        var cases = ProbeMix.Create(server);
        var local = new Dictionary<string, (ProbeModule Module, ProbeManifest Manifest)>();
        var remote = new Dictionary<string, string>();
        foreach (var c in cases)
        {
            var path = Path.GetFullPath(Path.Combine(probesDir, c.Probe + ".wasm"));
            var manifest = ProbeManifest.Parse(JsonMembers(c.Members, $"\"module\":{JsonSerializer.Serialize(path)}"));
            local[c.Name] = (await runtime.LoadModuleAsync(path), manifest);
            var loaded = await sidecar.CallAsync("module/load", $$"""{"path":{{JsonSerializer.Serialize(path)}}}""");
            var moduleId = loaded.GetProperty("result").GetProperty("moduleId").GetString()!;
            remote[c.Name] = JsonMembers(c.Members, $"\"moduleId\":\"{moduleId}\"");
        }

        var runtimeRuns = new Recorder("runtime");
        var sidecarRuns = new Recorder("sidecar");
        var gate = new Gate();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => i % 2 == 0
            ? WorkAsync(i, cases, runtimeRuns, gate, async c =>
            {
                var (module, manifest) = local[c.Name];
                try
                {
                    return Outcome.From(await runtime.ExecuteProbeAsync(module, manifest.ConfigJson, manifest.Grants, manifest.Limits));
                }
                catch (CapabilityNotGrantedException e)
                {
                    // What the sidecar reports as a result with kind capabilityNotGranted, the library throws.
                    return new Outcome(false, "capabilityNotGranted", e.Message);
                }
            }, stop.Token)
            : WorkAsync(i, cases, sidecarRuns, gate, async c =>
            {
                var response = await sidecar.CallAsync("probe/run", remote[c.Name]);
                return response.TryGetProperty("result", out var result)
                    ? Outcome.From(result)
                    : new Outcome(false, "rpcError", response.GetProperty("error").GetRawText());
            }, stop.Token))).ToArray();

        Console.WriteLine($"soak: {duration.TotalMinutes:0.#} min, {concurrency} runs in flight ({concurrency / 2} runtime, {concurrency - concurrency / 2} sidecar), {cases.Count} cases, server {server.Authority}, sidecar pid {sidecar.ProcessId}, {Environment.ProcessorCount} cores");
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 30, 5, 30));
        Checkpoint? early = null;
        var sidecarRss = Enumerable.Range(0, 4).Select(_ => new List<long>()).ToArray();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(interval);
            var rss = Report(clock.Elapsed, interval, runtimeRuns, sidecarRuns, sidecar);
            var quarter = Math.Min(3, (int)(4 * clock.Elapsed / duration));
            sidecarRss[quarter].Add(rss);
            if (early is null && clock.Elapsed >= duration / 4)
            {
                early = await CheckpointAsync("early", gate, runtimeRuns, sidecarRuns, sidecar, reopen: true);
            }
        }

        var end = await CheckpointAsync("end", gate, runtimeRuns, sidecarRuns, sidecar, reopen: false);
        await stop.CancelAsync();
        gate.Open();
        var all = Task.WhenAll(workers);
        var finished = await Task.WhenAny(all, Task.Delay(DrainTimeout)) == all;
        return Summarize(clock.Elapsed, early!, end, (Median(sidecarRss[1]), Median(sidecarRss[3])), runtimeRuns, sidecarRuns, sidecar, finished);
    }

    private static async Task WorkAsync(int worker, IReadOnlyList<ProbeCase> cases, Recorder recorder, Gate gate, Func<ProbeCase, Task<Outcome>> run, CancellationToken stop)
    {
        var random = new Random(worker);
        while (!stop.IsCancellationRequested)
        {
            await gate.WaitAsync();
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var probe = ProbeMix.Pick(cases, random);
            recorder.Start();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var outcome = await run(probe);
                recorder.End(probe, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                recorder.Fail(probe, e);
            }
        }
    }

    /// <returns>The sidecar's resident set now.</returns>
    private static long Report(TimeSpan elapsed, TimeSpan interval, Recorder runtimeRuns, Recorder sidecarRuns, SidecarClient sidecar)
    {
        var (runtimeCount, runtimeP50, runtimeP99) = runtimeRuns.TakeInterval();
        var (sidecarCount, sidecarP50, sidecarP99) = sidecarRuns.TakeInterval();
        var sidecarStatus = ProcStatus(sidecar.ProcessId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"t={elapsed.TotalSeconds,4:0}s runtime {runtimeCount / interval.TotalSeconds,5:0}/s p50 {runtimeP50,6:0.0} ms p99 {runtimeP99,7:0.0} ms | "
            + $"sidecar {sidecarCount / interval.TotalSeconds,5:0}/s p50 {sidecarP50,6:0.0} ms p99 {sidecarP99,7:0.0} ms | "
            + $"pool {ThreadPool.ThreadCount} threads, queue {ThreadPool.PendingWorkItemCount}, {ProcStatus(Environment.ProcessId).Threads} threads in all | "
            + $"heap {GC.GetTotalMemory(false) >> 20} MiB, ws {Environment.WorkingSet >> 20} MiB | "
            + $"sidecar rss {sidecarStatus.RssBytes >> 20} MiB, {sidecarStatus.Threads} threads | unexpected {runtimeRuns.Unexpected + sidecarRuns.Unexpected}"));
        return sidecarStatus.RssBytes;
    }

    /// <summary>Memory at rest: lets the runs under way end (no new ones start), collects, measures, and (if <paramref name="reopen"/>) starts the runs again.</summary>
    private static async Task<Checkpoint> CheckpointAsync(string name, Gate gate, Recorder runtimeRuns, Recorder sidecarRuns, SidecarClient sidecar, bool reopen)
    {
        gate.Close();
        var drain = Stopwatch.StartNew();
        while ((runtimeRuns.InFlight > 0 || sidecarRuns.InFlight > 0) && drain.Elapsed < DrainTimeout)
        {
            await Task.Delay(50);
        }

        // Full blocking, compacting collections with finalizers between: what is left is what is really held. The
        // aggressive one also gives freed memory back to the system, so the working set means something too.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        // The sidecar cannot be told to collect; idle for a moment, its GC settles as it would.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var sidecarStatus = ProcStatus(sidecar.ProcessId);
        var checkpoint = new Checkpoint(
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.WorkingSet,
            OpenFds(Environment.ProcessId),
            sidecarStatus.RssBytes,
            OpenFds(sidecar.ProcessId),
            runtimeRuns.InFlight + sidecarRuns.InFlight);
        Console.WriteLine($"checkpoint {name}: drained in {drain.Elapsed.TotalSeconds:0.0} s, {checkpoint}");
        if (reopen)
        {
            gate.Open();
        }

        return checkpoint;
    }

    private static int Summarize(TimeSpan elapsed, Checkpoint early, Checkpoint end, (long Second, long Last) sidecarRss, Recorder runtimeRuns, Recorder sidecarRuns, SidecarClient sidecar, bool finished)
    {
        var lost = runtimeRuns.InFlight + sidecarRuns.InFlight + sidecar.Pending;
        var unexpected = runtimeRuns.Unexpected + sidecarRuns.Unexpected + sidecar.InternalErrors;
        var heapFlat = Within(early.HeapBytes, end.HeapBytes, HeapTolerance);
        var rssFlat = Within(early.WorkingSetBytes, end.WorkingSetBytes, RssTolerance) && Within(sidecarRss.Second, sidecarRss.Last, SidecarRssTolerance);
        var fdsFlat = end.Fds <= early.Fds + FdTolerance && end.SidecarFds <= early.SidecarFds + FdTolerance;
        foreach (var example in runtimeRuns.Examples.Concat(sidecarRuns.Examples))
        {
            Console.WriteLine($"unexpected: {example}");
        }

        if (sidecar.InternalErrors > 0 || sidecar.Duplicates > 0 || sidecar.Strays > 0)
        {
            Console.WriteLine($"sidecar: {sidecar.InternalErrors} internal errors, {sidecar.Duplicates} duplicate answers, {sidecar.Strays} stray answers; its last log lines:");
            foreach (var line in sidecar.RecentLog)
            {
                Console.WriteLine($"  {line}");
            }
        }

        var ok = lost == 0 && finished && sidecar.Duplicates == 0 && sidecar.Strays == 0 && unexpected == 0 && heapFlat && rssFlat && fdsFlat;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {elapsed.TotalMinutes:0.0} min, {runtimeRuns.Runs + sidecarRuns.Runs} runs ({runtimeRuns.Runs} runtime, {sidecarRuns.Runs} sidecar), "
            + $"{lost} lost, {sidecar.Duplicates} duplicate, {unexpected} unexpected; heap {Mib(early.HeapBytes)} -> {Mib(end.HeapBytes)} MiB, "
            + $"ws {Mib(early.WorkingSetBytes)} -> {Mib(end.WorkingSetBytes)} MiB, sidecar rss under load (median) {Mib(sidecarRss.Second)} -> {Mib(sidecarRss.Last)} MiB, at rest {Mib(early.SidecarRssBytes)} -> {Mib(end.SidecarRssBytes)} MiB, "
            + $"fds {early.Fds} -> {end.Fds}, sidecar fds {early.SidecarFds} -> {end.SidecarFds}: {(heapFlat && rssFlat && fdsFlat ? "flat" : "GREW")}, {(ok ? "ok" : "FAILED")}"));
        return ok ? 0 : 1;
    }

    private static bool Within(long early, long end, (double Ratio, long Bytes) tolerance) => end <= early * (1 + tolerance.Ratio) + tolerance.Bytes;

    private static long Median(List<long> samples) => samples.Count == 0 ? 0 : samples.Order().ElementAt(samples.Count / 2);

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A JSON object of <paramref name="members"/> (an object's text) with <paramref name="first"/> put first.</summary>
    private static string JsonMembers(string members, string first) => members == "{}" ? $"{{{first}}}" : $"{{{first},{members[1..]}";

    private static (long RssBytes, int Threads) ProcStatus(int pid)
    {
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return (rss, threads);
    }

    private static int OpenFds(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    private sealed record Checkpoint(long HeapBytes, long WorkingSetBytes, int Fds, long SidecarRssBytes, int SidecarFds, long StillRunning)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"heap {Mib(HeapBytes)} MiB, ws {Mib(WorkingSetBytes)} MiB, fds {Fds}, sidecar rss {Mib(SidecarRssBytes)} MiB, sidecar fds {SidecarFds}, still running {StillRunning}");
    }

    /// <summary>Lets workers start runs while open; closing it holds them before their next run.</summary>
    private sealed class Gate
    {
        private volatile TaskCompletionSource _open = Opened();

        public Task WaitAsync() => _open.Task;

        public void Close()
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Open() => _open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
