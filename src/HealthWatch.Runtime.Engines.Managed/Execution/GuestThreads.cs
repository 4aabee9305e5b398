using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// The threads guest code runs on. Their stack size is fixed and known, so the call boundary can place
/// <see cref="ExecutionState.StackLimit"/> with a margin that a trap and host code always fit in. Threads are
/// created on demand without a cap (a thread blocked in a host call keeps its thread, so a cap could deadlock)
/// and exit after being idle for <see cref="IdleTimeout"/>. An idle worker looks for its next item for a few tens
/// of microseconds before it blocks, so work posted back to back skips the kernel wake-up.
/// </summary>
internal static class GuestThreads
{
    public const int StackSize = 8 << 20;

    /// <summary>Stack kept free below the limit for trap dispatch and host functions (and the few frames above the recorded top).</summary>
    public const int Reserve = 1 << 20;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle worker looks for its next item before it blocks: 50 µs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000;

    /// <summary>A yield that takes longer than this (200 µs) means other threads want the processor.</summary>
    private static readonly long YieldStallTicks = Stopwatch.Frequency / 5_000;

    /// <summary>How long workers block without spinning after a yield stalled: 50 ms.</summary>
    private static readonly long SpinPauseTicks = Stopwatch.Frequency / 20;

    // Until when (a Stopwatch timestamp) idle workers block at once instead of spinning.
    private static long s_spinPausedUntil;

    // Most recently used last, so hot threads are reused and cold ones time out.
    private static readonly List<Worker> Idle = [];

    [ThreadStatic]
    private static nuint t_stackLow;

    // On a guest thread: what to run once the current work item has completed.
    [ThreadStatic]
    private static List<Action>? t_whenIdle;

    /// <summary>Whether the current thread is a guest thread.</summary>
    public static bool IsCurrent => t_stackLow != 0;

    /// <summary>The lowest usable stack address of the current guest thread.</summary>
    public static nuint StackLow => t_stackLow;

    /// <summary>Runs <paramref name="work"/> on a guest thread and waits; its exception is rethrown unchanged.</summary>
    public static void Run(Action work)
    {
        var item = new BlockingWork(work);
        Post(item);
        item.WaitAndRethrow();
    }

    /// <summary>Runs <paramref name="work"/> on a guest thread without blocking the caller.</summary>
    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new AsyncWork<T>(work);
        Post(item);
        return item.Task;
    }

    /// <summary>
    /// On a guest thread, queues <paramref name="work"/> to run on it once the current work item has completed (its
    /// result is out) and before the thread takes the next one: for upkeep the caller need not wait for. Elsewhere,
    /// returns false and does nothing. <paramref name="work"/> must not throw.
    /// </summary>
    public static bool TryRunWhenIdle(Action work)
    {
        if (t_whenIdle is not { } queue)
        {
            return false;
        }

        queue.Add(work);
        return true;
    }

    private static void RunWhenIdleWork()
    {
        var queue = t_whenIdle!;
        for (var i = 0; i < queue.Count; i++)
        {
            queue[i]();
        }

        queue.Clear();
    }

    private static void Post(IWorkItem item)
    {
        Worker? worker = null;
        lock (Idle)
        {
            if (Idle.Count > 0)
            {
                worker = Idle[^1];
                Idle.RemoveAt(Idle.Count - 1);
            }
        }

        worker ??= Worker.Start();
        worker.Post(item);
    }

    private interface IWorkItem
    {
        /// <summary>Runs the work on the guest thread.</summary>
        void Run();

        /// <summary>Called on the guest thread once the work has run (or thrown <paramref name="error"/>) and the worker is idle again.</summary>
        void Completed(Exception? error);
    }

    /// <summary>Work a thread waits for; its exception is rethrown on that thread.</summary>
    private sealed class BlockingWork(Action work) : IWorkItem
    {
        private readonly object _gate = new();
        private bool _done;
        private ExceptionDispatchInfo? _error;

        public void Run() => work();

        public void Completed(Exception? error)
        {
            lock (_gate)
            {
                _error = error is null ? null : ExceptionDispatchInfo.Capture(error);
                _done = true;
                Monitor.Pulse(_gate);
            }
        }

        public void WaitAndRethrow()
        {
            lock (_gate)
            {
                while (!_done)
                {
                    Monitor.Wait(_gate);
                }
            }

            _error?.Throw();
        }
    }

    /// <summary>Work awaited as a task: the item is its own completion source, so a hand-off allocates the item and its task only.</summary>
    private sealed class AsyncWork<T>(Func<T> work) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IWorkItem
    {
        private T? _result;

        public void Run() => _result = work();

        public void Completed(Exception? error)
        {
            if (error is not null)
            {
                SetException(error);
            }
            else
            {
                SetResult(_result!);
            }
        }
    }

    private sealed class Worker
    {
        private readonly object _gate = new();
        private IWorkItem? _item;

        // Set while the worker waits on _gate (or is about to): only then does a post need to wake it.
        private volatile bool _blocked;

        public static Worker Start()
        {
            var worker = new Worker();
            var thread = new Thread(worker.Main, StackSize) { IsBackground = true, Name = "HealthWatch guest" };
            thread.Start();
            return worker;
        }

        public void Post(IWorkItem item)
        {
            // A full fence between the two: either this sees _blocked set, or the worker sees the item before it waits.
            Interlocked.Exchange(ref _item, item);
            if (_blocked)
            {
                lock (_gate)
                {
                    Monitor.Pulse(_gate);
                }
            }
        }

        private unsafe void Main()
        {
            // A local this near the thread's entry is within a few KB of the stack's top; Reserve covers the rest.
            byte top = 0;
            t_stackLow = (nuint)(&top) - StackSize;
            t_whenIdle = [];
            while (true)
            {
                if (RunNext())
                {
                    continue;
                }

                lock (Idle)
                {
                    // Still idle: retire. Otherwise a caller has just taken this worker and is about to post.
                    if (Idle.Remove(this))
                    {
                        return;
                    }
                }
            }
        }

        // A separate frame, so that nothing of the work item stays reachable from this thread's stack afterwards
        // (that would keep an unloaded module's code alive).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private bool RunNext()
        {
            var item = Take();
            if (item is null)
            {
                return false;
            }

            Exception? error = null;
            try
            {
                item.Run();
            }
            catch (Exception e)
            {
                error = e;
            }

            lock (Idle)
            {
                Idle.Add(this);
            }

            item.Completed(error);
            RunWhenIdleWork();
            return true;
        }

        /// <summary>The next item, or null after <see cref="IdleTimeout"/> without one.</summary>
        private IWorkItem? Take()
        {
            // A caller that runs work back to back posts again within microseconds: finding the item while spinning
            // saves a kernel wake-up. The spin yields the processor, so on a busy machine it does not keep the very
            // thread that is about to post (or to run the caller's continuation) from running.
            var start = Stopwatch.GetTimestamp();
            var now = start;
            while (now - start < SpinTicks && now >= Volatile.Read(ref s_spinPausedUntil))
            {
                // Only the caller that took this worker from Idle posts to it, so an item seen is still there to take.
                if (Volatile.Read(ref _item) is not null)
                {
                    return Interlocked.Exchange(ref _item, null);
                }

                Thread.Yield();
                var before = now;
                now = Stopwatch.GetTimestamp();
                if (now - before > YieldStallTicks)
                {
                    // Another thread had this processor for a while: the machine is busy, and a yielding worker would
                    // only be run again when that thread's time slice ends, long after a post. Block for a while instead,
                    // where a post's wake-up gets the processor at once.
                    Volatile.Write(ref s_spinPausedUntil, now + SpinPauseTicks);
                }
            }

            lock (_gate)
            {
                _blocked = true;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _item) is null)
                {
                    Monitor.Wait(_gate, IdleTimeout);
                }

                _blocked = false;
            }

            return Interlocked.Exchange(ref _item, null);
        }
    }
}
