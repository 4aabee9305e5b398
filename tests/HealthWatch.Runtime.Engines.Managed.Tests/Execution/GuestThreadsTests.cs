using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Execution;

public class GuestThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task RunAsync_BackToBack_RunsEveryItemOnAGuestThread()
    {
        for (var i = 0; i < 200; i++)
        {
            var expected = i;
            (await GuestThreads.RunAsync(() => (GuestThreads.IsCurrent, expected))).Should().Be((true, i));
        }
    }

    [Test]
    public async Task RunAsync_AfterTheWorkerHasBlocked_WakesItForTheNextItem()
    {
        await GuestThreads.RunAsync(() => 0);

        // Far past the spin, so the idle worker is waiting on its monitor and the post must wake it.
        Thread.Sleep(20);
        var next = GuestThreads.RunAsync(() => GuestThreads.IsCurrent);

        next.Wait(Patience).Should().BeTrue();
        next.Result.Should().BeTrue();
    }

    [Test]
    public async Task TryRunWhenIdle_OnAGuestThread_RunsTheWorkOnlyAfterTheItemCompleted()
    {
        using var ran = new ManualResetEventSlim();
        var ranOnGuestThread = false;

        var (queued, ranDuringItem) = await GuestThreads.RunAsync(() =>
        {
            var queued = GuestThreads.TryRunWhenIdle(() =>
            {
                ranOnGuestThread = GuestThreads.IsCurrent;
                ran.Set();
            });
            return (queued, ran.IsSet);
        });

        queued.Should().BeTrue();
        ranDuringItem.Should().BeFalse();
        ran.Wait(Patience).Should().BeTrue();
        ranOnGuestThread.Should().BeTrue();
    }

    [Test]
    public void TryRunWhenIdle_OffAGuestThread_ReturnsFalseAndRunsNothing()
    {
        var ran = false;

        GuestThreads.TryRunWhenIdle(() => ran = true).Should().BeFalse();

        ran.Should().BeFalse();
    }
}
