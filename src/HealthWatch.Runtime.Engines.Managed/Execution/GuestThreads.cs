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

        public static Worker Start()
        {
            var worker = new Worker();
            var thread = new Thread(worker.Main, StackSize) { IsBackground = true, Name = "HealthWatch guest" };
            thread.Start();
            return worker;
        }

        public void Post(IWorkItem item)
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
            IWorkItem? item;
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
            return true;
        }
    }
}
