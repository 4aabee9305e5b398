using HealthWatch.Runtime.Engines.Managed.Interpretation;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// The call boundary: every call from the host into the store (and the start function) passes here. It moves
/// the call onto a guest thread, makes sure one thread at a time runs in the store, sets the limits at the
/// outermost entry, restores them on the way out, and adds the WebAssembly backtrace to traps.
/// </summary>
internal sealed partial class ManagedStore
{
    // The owner of a disposed store that no thread may enter any more (see Dispose).
    private const int SealedOwner = -1;

    // Managed id of the thread running in the store, 0 when none, SealedOwner once disposed with none. Only that
    // thread touches the fields below.
    private int _ownerThread;
    private int _depth;
    private CancellationToken _token;

    public void Invoke(FunctionInstance function, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        CheckArguments(function.FunctionType, arguments, results);
        var entry = Engine.Signatures.Get(function.FunctionType).Entry;
        if (GuestThreads.IsCurrent)
        {
            var scope = Enter(cancellationToken);
            try
            {
                Call(entry, function, arguments, results);
            }
            finally
            {
                Exit(scope);
            }

            return;
        }

        var copied = arguments.ToArray();
        var values = new WasmValue[function.FunctionType.Results.Count];
        RunInStore(() => Call(entry, function, copied, values), cancellationToken);
        values.CopyTo(results);
    }

    /// <summary>Runs <paramref name="body"/> on a guest thread, entered into this store.</summary>
    internal void RunInStore(Action body, CancellationToken cancellationToken)
    {
        if (!GuestThreads.IsCurrent)
        {
            GuestThreads.Run(() => RunInStore(body, cancellationToken));
            return;
        }

        var scope = Enter(cancellationToken);
        try
        {
            body();
        }
        finally
        {
            Exit(scope);
        }
    }

    /// <summary>Calls <paramref name="function"/>; the caller has entered the store on a guest thread.</summary>
    internal void Call(EntryStub entry, FunctionInstance function, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results)
    {
        WasmTrapException? trap;
        var interpreter = State.Interpreter;
        var frameMark = interpreter?.FrameCount ?? 0;
        var top = interpreter?.Top ?? 0;
        try
        {
            if (function is WasmFunction { IsInterpreted: true } interpreted)
            {
                Interpreter.Invoke(interpreted, arguments, results);
            }
            else
            {
                entry(function.Code, function.Context, arguments, results);
            }

            return;
        }
        catch (WasmTrapException e)
        {
            trap = e;
        }
        catch
        {
            // Unwound without a trap (cancellation of the host, a bug): the interpreted frames above are gone too.
            State.Interpreter?.Truncate(frameMark);
            State.Interpreter?.Top = top;
            throw;
        }

        // Thrown after the catch has ended: by then the stack is unwound to this frame, so a trap raised at the
        // stack limit is not rethrown from deeper down (inside the dispatcher running the handler).
        var unwound = State.Interpreter?.TakeFramesAbove(frameMark) ?? [];
        State.Interpreter?.Top = top;
        throw Backtrace.Attach(trap, _modules, unwound);
    }

    private void CheckArguments(FuncType type, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results)
    {
        if (arguments.Length != type.Parameters.Count)
        {
            throw new ArgumentException($"The function takes {type.Parameters.Count} arguments, got {arguments.Length}.", nameof(arguments));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            ValueMarshal.Check(arguments[i], this, type.Parameters[i], nameof(arguments));
        }

        if (results.Length < type.Results.Count)
        {
            throw new ArgumentException($"The function returns {type.Results.Count} results; the span holds {results.Length}.", nameof(results));
        }
    }

    private Scope Enter(CancellationToken cancellationToken)
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref _ownerThread, me, 0);
        ObjectDisposedException.ThrowIf(owner == SealedOwner, this);
        if (owner != 0 && owner != me)
        {
            throw new InvalidOperationException("Another thread is running in this store; a store runs on one thread at a time.");
        }

        var scope = new Scope(State.StackLimit, State.CallDepthRemaining, _token);
        _depth++;
        _token = cancellationToken;
        State.StackLimit = StackLimitOfThisThread();
        if (owner == 0)
        {
            State.CallDepthRemaining = Limits.MaxCallDepth;
        }

        if (cancellationToken.CanBeCanceled)
        {
            scope.Registration = cancellationToken.UnsafeRegister(static s => ((ExecutionState)s!).RequestInterrupt(), State);
        }

        return scope;
    }

    private void Exit(Scope scope)
    {
        // Unregister first (this waits for a running callback), so that the callback cannot request an interrupt after it is cleared.
        scope.Registration.Dispose();
        State.CallDepthRemaining = scope.CallDepthRemaining;
        _token = scope.Token;
        State.ClearInterrupt();
        if (_token.IsCancellationRequested)
        {
            // The enclosing entry's token fired meanwhile: its code must still stop.
            State.RequestInterrupt();
        }

        if (--_depth == 0)
        {
            State.StackLimit = scope.StackLimit;
            Volatile.Write(ref _ownerThread, 0);
        }
        else
        {
            // Back in an enclosing entry on this same thread. Recomputed rather than restored: the nested entry
            // may have instantiated a module with larger frames, which the enclosing code can now call.
            State.StackLimit = StackLimitOfThisThread();
        }
    }

    private nuint StackLimitOfThisThread() => GuestThreads.StackLow + (nuint)GuestThreads.Reserve + (nuint)_maxFrameBytes;

    /// <summary>What an entry saved, restored by its exit.</summary>
    private struct Scope(nuint stackLimit, int callDepthRemaining, CancellationToken token)
    {
        public readonly nuint StackLimit = stackLimit;
        public readonly int CallDepthRemaining = callDepthRemaining;
        public readonly CancellationToken Token = token;
        public CancellationTokenRegistration Registration;
    }
}
