using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// The threads guest code runs on. Their stack size is fixed and known, so the call boundary can place
/// <see cref="ExecutionState.StackLimit"/> with a margin that a trap and host code always fit in. Threads are
/// created on demand without a cap (a thread blocked in a host call keeps its thread, so a cap could deadlock)
/// and exit after being idle for <see cref="IdleTimeout"/>.
/// </summary>
internal static class GuestThreads
{
    public const int StackSize = 8 << 20;

    /// <summary>Stack kept free below the limit for trap dispatch and host functions (and the few frames above the recorded top).</summary>
    public const int Reserve = 1 << 20;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    // Most recently used last, so hot threads are reused and cold ones time out.
    private static readonly List<Worker> Idle = [];

    [ThreadStatic]
    private static nuint t_stackLow;

    /// <summary>Whether the current thread is a guest thread.</summary>
    public static bool IsCurrent => t_stackLow != 0;

    /// <summary>The lowest usable stack address of the current guest thread.</summary>
    public static nuint StackLow => t_stackLow;

    /// <summary>Runs <paramref name="work"/> on a guest thread and waits; its exception is rethrown unchanged.</summary>
    public static void Run(Action work)
    {
        var done = new ManualResetEventSlim();
        var item = new WorkItem(work, done.Set);
        Post(item);
        done.Wait();
        done.Dispose();
        item.Error?.Throw();
    }

    /// <summary>Runs <paramref name="work"/> on a guest thread without blocking the caller.</summary>
    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = default(T);
        WorkItem? item = null;
        item = new WorkItem(
            () => result = work(),
            () =>
            {
                if (item!.Error is { } error)
                {
                    completion.SetException(error.SourceException);
                }
                else
                {
                    completion.SetResult(result!);
                }
            });
        Post(item);
        return completion.Task;
    }

    private static void Post(WorkItem item)
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

    private sealed class WorkItem(Action work, Action completed)
    {
        public Action Work { get; } = work;

        /// <summary>Called on the guest thread once the work has run (and <see cref="Error"/> is set if it threw).</summary>
        public Action Completed { get; } = completed;

        public ExceptionDispatchInfo? Error { get; set; }
    }

    private sealed class Worker
    {
        private readonly object _gate = new();
        private WorkItem? _item;

        public static Worker Start()
        {
            var worker = new Worker();
            var thread = new Thread(worker.Main, StackSize) { IsBackground = true, Name = "HealthWatch guest" };
            thread.Start();
            return worker;
        }

        public void Post(WorkItem item)
        {
            lock (_gate)
            {
                _item = item;
                Monitor.Pulse(_gate);
            }
        }

        private unsafe void Main()
        {
            // A local this near the thread's entry is within a few KB of the stack's top; Reserve covers the rest.
            byte top = 0;
            t_stackLow = (nuint)(&top) - StackSize;
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
            WorkItem? item;
            lock (_gate)
            {
                if (_item is null)
                {
                    Monitor.Wait(_gate, IdleTimeout);
                }

                item = _item;
                _item = null;
            }

            if (item is null)
            {
                return false;
            }

            try
            {
                item.Work();
            }
            catch (Exception e)
            {
                item.Error = ExceptionDispatchInfo.Capture(e);
            }

            lock (Idle)
            {
                Idle.Add(this);
            }

            item.Completed();
            return true;
        }
    }
}
