using System.Buffers.Binary;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>
/// <c>poll_oneoff</c> for clock subscriptions only, which is how wasi-libc sleeps (<c>nanosleep</c>, <c>sleep</c>).
/// Waiting honours the run's cancellation, so a sleeping probe still stops at its timeout. Waiting on fds is not
/// supported (<c>ENOSYS</c>): stdio is always ready, and there are no other fds.
/// </summary>
internal static class WasiPoll
{
    // https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#subscription and #event
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const byte ClockTag = 0;
    private const ushort AbsoluteTime = 1;

    public static HostImport PollOneoff { get; } = HostFunctions.Returning(HostFunctions.Wasi, "poll_oneoff", HostFunctions.I32s(4), Poll);

    private static int Poll(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "poll_oneoff";
        var (input, output, count, eventsPointer) = (a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32(), a[3].AsInt32());
        if (count <= 0)
        {
            return context.Fail(Function, WasiErrno.Inval, "no subscriptions");
        }

        if (!context.Memory.TryGetArray(input, count, SubscriptionSize, out var subscriptions)
            || !context.Memory.TryGetArray(output, count, EventSize, out _)
            || !context.Memory.TryGetSpan(eventsPointer, sizeof(uint), out _))
        {
            return context.Fail(Function, WasiErrno.Fault, "the subscriptions, events or result pointer are outside memory");
        }

        // subscription: userdata u64 @0, tag u8 @8; for a clock: id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40.
        var delays = new long[count];
        for (var i = 0; i < count; i++)
        {
            var subscription = subscriptions.Slice(i * SubscriptionSize, SubscriptionSize);
            if (subscription[8] != ClockTag)
            {
                return context.Fail(Function, WasiErrno.Nosys, "only clock subscriptions are supported");
            }

            var timeout = (long)ulong.Min(BinaryPrimitives.ReadUInt64LittleEndian(subscription[24..]), long.MaxValue);
            var absolute = (BinaryPrimitives.ReadUInt16LittleEndian(subscription[40..]) & AbsoluteTime) != 0;
            long? now = BinaryPrimitives.ReadUInt32LittleEndian(subscription[16..]) switch
            {
                0 => ClockFunctions.RealtimeNanoseconds(),
                1 => ClockFunctions.MonotonicNanoseconds(),
                _ => null,
            };
            if (now is not { } current)
            {
                return context.Fail(Function, WasiErrno.Inval, "only the realtime and monotonic clocks are supported");
            }

            delays[i] = Math.Max(0, absolute ? timeout - current : timeout);
        }

        var delay = delays.Min();
        var milliseconds = (int)Math.Min(int.MaxValue, (delay + 999_999) / 1_000_000);
        if (milliseconds > 0 && context.CancellationToken.WaitHandle.WaitOne(milliseconds))
        {
            return context.Fail(Function, WasiErrno.Intr, "the run was cancelled while the probe slept");
        }

        // The subscriptions due now fire; event: userdata u64 @0, error u16 @8, type u8 @10.
        context.Memory.TryGetArray(input, count, SubscriptionSize, out subscriptions);
        context.Memory.TryGetArray(output, count, EventSize, out var events);
        var fired = 0;
        for (var i = 0; i < count; i++)
        {
            if (delays[i] == delay)
            {
                var e = events.Slice(fired++ * EventSize, EventSize);
                e.Clear();
                subscriptions.Slice(i * SubscriptionSize, sizeof(ulong)).CopyTo(e);
                e[10] = ClockTag;
            }
        }

        context.Memory.TryWriteUInt32(eventsPointer, (uint)fired);
        return WasiErrno.Success;
    }
}
