using System.Buffers.Binary;
using System.Diagnostics;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Wasi;

public sealed class WasiPollTests : CapabilityTestBase
{
    private const int Subscriptions = 1000;
    private const int Events = 2000;
    private const int EventCount = 996;

    [Test]
    public void PollOneoff_RelativeClock_SleepsAndReportsTheEvent()
    {
        var run = Start("wasi", GrantAll());
        Subscribe(run, 0, userdata: 42, clock: 1, timeoutNs: 20_000_000);

        var stopwatch = Stopwatch.StartNew();
        run.CallI32("poll_oneoff", Subscriptions, Events, 1, EventCount).Should().Be(0);

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(15));
        run.ReadUInt32(EventCount).Should().Be(1);
        run.ReadUInt64(Events).Should().Be(42);
        run.Bytes(Events + 8, 3).ToArray().Should().Equal(0, 0, 0);
    }

    [Test]
    public void PollOneoff_SeveralClocks_ReportsOnlyTheEarliest()
    {
        var run = Start("wasi", GrantAll());
        Subscribe(run, 0, userdata: 1, clock: 1, timeoutNs: 60_000_000_000);
        Subscribe(run, 1, userdata: 2, clock: 0, timeoutNs: 0);

        run.CallI32("poll_oneoff", Subscriptions, Events, 2, EventCount).Should().Be(0);

        run.ReadUInt32(EventCount).Should().Be(1);
        run.ReadUInt64(Events).Should().Be(2);
    }

    [Test]
    public void PollOneoff_AbsoluteTimeInThePast_ReturnsAtOnce()
    {
        var run = Start("wasi", GrantAll());
        Subscribe(run, 0, userdata: 7, clock: 0, timeoutNs: 1, absolute: true);

        run.CallI32("poll_oneoff", Subscriptions, Events, 1, EventCount).Should().Be(0);

        run.ReadUInt32(EventCount).Should().Be(1);
    }

    [Test]
    public void PollOneoff_RunCancelledWhileSleeping_ReturnsIntr()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var run = Start("wasi", GrantAll(), cancellationToken: cancellation.Token);
        Subscribe(run, 0, userdata: 1, clock: 1, timeoutNs: 60_000_000_000);

        var stopwatch = Stopwatch.StartNew();
        run.CallI32("poll_oneoff", Subscriptions, Events, 1, EventCount).Should().Be(27);

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void PollOneoff_FdSubscription_ReturnsNosys()
    {
        var run = Start("wasi", GrantAll());
        Subscribe(run, 0, userdata: 1, clock: 1, timeoutNs: 0);
        run.Bytes(Subscriptions + 8, 1)[0] = 1;

        run.CallI32("poll_oneoff", Subscriptions, Events, 1, EventCount).Should().Be(52);

        run.Logs.Should().ContainSingle(l => l.Level == ProbeLogLevel.Debug && l.Message == "poll_oneoff: only clock subscriptions are supported");
    }

    [Test]
    public void PollOneoff_BadArguments_Fail()
    {
        var run = Start("wasi", GrantAll());
        Subscribe(run, 0, userdata: 1, clock: 9, timeoutNs: 0);

        run.CallI32("poll_oneoff", Subscriptions, Events, 0, EventCount).Should().Be(28, "no subscriptions");
        run.CallI32("poll_oneoff", Subscriptions, Events, 1, EventCount).Should().Be(28, "no such clock");
        run.CallI32("poll_oneoff", 65520, Events, 1, EventCount).Should().Be(21);
        run.CallI32("poll_oneoff", Subscriptions, 65520, 1, EventCount).Should().Be(21);
        run.CallI32("poll_oneoff", Subscriptions, Events, 1, 65534).Should().Be(21);
    }

    private static void Subscribe(ModuleRun run, int index, ulong userdata, uint clock, ulong timeoutNs, bool absolute = false)
    {
        var subscription = run.Bytes(Subscriptions + (index * 48), 48);
        subscription.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(subscription, userdata);
        BinaryPrimitives.WriteUInt32LittleEndian(subscription[16..], clock);
        BinaryPrimitives.WriteUInt64LittleEndian(subscription[24..], timeoutNs);
        BinaryPrimitives.WriteUInt16LittleEndian(subscription[40..], (ushort)(absolute ? 1 : 0));
    }
}
