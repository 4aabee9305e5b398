using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

/// <summary>What runs reuse from one another (linear memory buffers, cancellation sources) must carry nothing over.</summary>
public sealed class ProbeRuntimeReuseTests : ProbeRuntimeTestBase
{
    [Test]
    public async Task ExecuteProbeAsync_RunAfterRun_SeesZeroedMemory()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("dirty-memory"));

        var messages = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add((await Runtime.ExecuteProbeAsync(module, null, ProbeGrants.None)).Message);
        }

        messages.Should().Equal("clean", "clean", "clean");
        Engine.MemoryPool.RetainedBytes.Should().Be(MemoryType.PageSize, "each run took the buffer the run before gave back");
    }

    [Test]
    public async Task ExecuteProbeAsync_AfterATimedOutRun_NextRunIsNotCancelled()
    {
        var block = await Runtime.LoadModuleAsync(TestProbes.Read("block"));
        var grants = new ProbeGrants().Grant("test-block");
        var timedOut = await Runtime.ExecuteProbeAsync(block, Ok, grants, ProbeLimits.Default with { Timeout = TimeSpan.FromMilliseconds(50) });

        var next = await Runtime.ExecuteProbeAsync(await Runtime.LoadModuleAsync(TestProbes.Read("echo")), Ok, ProbeGrants.None);

        timedOut.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        next.Success.Should().BeTrue();
        next.Error.Should().BeNull();
    }

    [Test]
    public async Task ExecuteProbeAsync_AfterACallerCancelledRun_NextRunIsNotCancelled()
    {
        var block = await Runtime.LoadModuleAsync(TestProbes.Read("block"));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var cancelled = await Runtime.ExecuteProbeAsync(block, Ok, new ProbeGrants().Grant("test-block"), cancellationToken: caller.Token);

        var next = await Runtime.ExecuteProbeAsync(await Runtime.LoadModuleAsync(TestProbes.Read("echo")), Ok, ProbeGrants.None);

        cancelled.Error!.Kind.Should().Be(ProbeErrorKind.Cancelled);
        next.Success.Should().BeTrue();
    }

    [Test]
    public void CancellationSourcePool_ReturnedSource_ComesBackWithoutRegistrationsOrTimer()
    {
        var pool = new CancellationSourcePool();
        var source = pool.Rent();
        var called = false;
        source.Token.Register(() => called = true);
        source.CancelAfter(TimeSpan.FromMilliseconds(20));

        pool.Return(source);
        var again = pool.Rent();
        Thread.Sleep(100);

        again.Should().BeSameAs(source);
        again.IsCancellationRequested.Should().BeFalse("the timer was stopped");
        again.Cancel();
        called.Should().BeFalse("the registration was removed");
    }

    [Test]
    public void CancellationSourcePool_CancelledSource_IsNotReused()
    {
        var pool = new CancellationSourcePool();
        var source = pool.Rent();
        source.Cancel();

        pool.Return(source);

        pool.Rent().Should().NotBeSameAs(source);
    }
}
