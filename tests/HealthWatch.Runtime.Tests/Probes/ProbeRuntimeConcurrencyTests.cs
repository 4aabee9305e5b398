using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

// Alone, so that no other test grows the thread pool while this one measures it.
[NonParallelizable]
public sealed class ProbeRuntimeConcurrencyTests
{
    private const int Probes = 200;

    [Test]
    public async Task ExecuteProbeAsync_200ProbesBlockedInHostCallsAtOnce_AllFinishWithoutGrowingTheThreadPool()
    {
        using var engine = new ManagedEngine();

        // Every probe blocks its thread in a host call for a while, as a probe waiting on the network does.
        using var runtime = new ProbeRuntime(engine, capabilities: TestProbes.Registry(context => context.CancellationToken.WaitHandle.WaitOne(100)));
        var module = await runtime.LoadModuleAsync(TestProbes.Read("block"));
        var grants = new ProbeGrants().Grant("test-block");
        var threadsBefore = ThreadPool.ThreadCount;
        var maxThreads = threadsBefore;
        var maxPending = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                maxPending = Math.Max(maxPending, ThreadPool.PendingWorkItemCount);
                await Task.Delay(5);
            }
        });

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Probes).Select(i =>
            runtime.ExecuteProbeAsync(module, $$"""{"success":true,"message":"{{i}}"}""", grants)));
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;

        results.Select(r => r.Message).Should().BeEquivalentTo(Enumerable.Range(0, Probes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        results.Should().OnlyContain(r => r.Success);
        maxThreads.Should().BeLessThan(threadsBefore + Environment.ProcessorCount + 8, "guest code and blocking host calls run on guest threads, not pool threads");
        maxPending.Should().BeLessThanOrEqualTo(2 * Probes, "a probe queues at most its continuations, never a blocked work item");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the 100 ms waits overlap instead of queueing");
    }
}
