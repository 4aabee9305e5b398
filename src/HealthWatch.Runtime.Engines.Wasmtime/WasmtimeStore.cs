using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// A Wasmtime store. Limits map onto Wasmtime's own: fuel onto store fuel, memory and table sizes onto the store
/// limiter, cancellation onto epoch interruption (each engine tick runs <see cref="Callbacks.OnEpochDeadline"/>,
/// which stops the code once the current call's token is cancelled). Every call from the host passes
/// <see cref="Call"/> or <see cref="Instantiate"/>, where failures become the core's exceptions.
/// </summary>
internal sealed unsafe partial class WasmtimeStore : IWasmStore
{
    private readonly StoreHandle _handle;
    private readonly GCHandle _self;
    private readonly Dictionary<(ulong, nint), WasmtimeFunction> _functions = [];
    private bool _fuelLimited;
    private volatile bool _disposed;

    // Only the thread running in the store touches these.
    private int _ownerThread;
    private int _depth;
    private CancellationToken _token;
    private Exception? _hostFailure;
    private bool _interrupted;

    public WasmtimeStore(WasmtimeEngine engine, WasmStoreLimits limits)
    {
        limits.Validate();
        if (limits.Fuel is not null && !engine.Options.ConsumeFuel)
        {
            throw new NotSupportedException("This engine was created without fuel metering (WasmtimeEngineOptions.ConsumeFuel).");
        }

        Engine = engine;
        Limits = limits;
        _handle = NativeMethods.StoreNew(engine.Handle, 0, 0);
        Context = NativeMethods.StoreContext(_handle);
        NativeMethods.StoreLimiter(_handle, (long)limits.MaxMemoryPages * MemoryType.PageSize, limits.MaxTableElements, -1, limits.MaxTables, -1);
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        NativeMethods.StoreEpochDeadlineCallback(_handle, &Callbacks.OnEpochDeadline, GCHandle.ToIntPtr(_self), 0);
        NativeMethods.ContextSetEpochDeadline(Context, 1);
        if (engine.Options.ConsumeFuel)
        {
            // Without a limit the store still needs fuel to run: as good as unlimited.
            SetNativeFuel(limits.Fuel ?? long.MaxValue);
            _fuelLimited = limits.Fuel is not null;
        }
    }

    public WasmtimeEngine Engine { get; }

    public WasmStoreLimits Limits { get; }

    /// <summary>The <c>wasmtime_context_t</c>, valid as long as the store.</summary>
    public nint Context { get; }

    public long? RemainingFuel
    {
        get
        {
            if (!_fuelLimited || _disposed)
            {
                return _fuelLimited ? 0 : null;
            }

            WasmtimeErrors.ThrowIfError(NativeMethods.ContextGetFuel(Context, out var fuel), "Cannot read the fuel");
            return (long)Math.Min(fuel, long.MaxValue);
        }
    }

    public void SetFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        ThrowIfDisposed();
        if (!Engine.Options.ConsumeFuel)
        {
            throw new NotSupportedException("This engine was created without fuel metering (WasmtimeEngineOptions.ConsumeFuel).");
        }

        SetNativeFuel(fuel);
        _fuelLimited = true;
    }

    public IWasmFunction CreateFunction(FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfDisposed();
        var nativeType = NativeTypes.NewFuncType(type);
        try
        {
            var function = GCHandle.Alloc(new HostFunction(this, type, callback));

            // Wasmtime owns the handle from here on and frees it (Callbacks.FreeHandle) with the store.
            NativeMethods.FuncNew(Context, nativeType, &Callbacks.CallHost, GCHandle.ToIntPtr(function), &Callbacks.FreeHandle, out var native);
            return FunctionFor(native, type);
        }
        finally
        {
            NativeMethods.FuncTypeDelete(nativeType);
        }
    }

    public IWasmMemory CreateMemory(MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        var nativeType = NativeTypes.NewMemoryType(type);
        try
        {
            WasmtimeErrors.ThrowIfError(NativeMethods.MemoryNew(Context, nativeType, out var memory), "Cannot create the memory");
            return new WasmtimeMemory(this, memory);
        }
        finally
        {
            NativeMethods.MemoryTypeDelete(nativeType);
        }
    }

    public IWasmTable CreateTable(TableType type, WasmValue initialValue)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        if (!type.ElementType.IsReference())
        {
            throw new ArgumentException("A table's element type must be a reference type.", nameof(type));
        }

        var init = NativeValues.ToNative(initialValue, type.ElementType, this, nameof(initialValue));
        var nativeType = NativeTypes.NewTableType(type);
        try
        {
            WasmtimeErrors.ThrowIfError(NativeMethods.TableNew(Context, nativeType, init, out var table), "Cannot create the table");
            return new WasmtimeTable(this, table, type);
        }
        finally
        {
            NativeMethods.TableTypeDelete(nativeType);
            NativeValues.Unroot(ref init);
        }
    }

    public IWasmGlobal CreateGlobal(GlobalType type, WasmValue value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        var init = NativeValues.ToNative(value, type.ValueType, this, nameof(value));
        var nativeType = NativeTypes.NewGlobalType(type);
        try
        {
            WasmtimeErrors.ThrowIfError(NativeMethods.GlobalNew(Context, nativeType, init, out var global), "Cannot create the global");
            return new WasmtimeGlobal(this, global, type);
        }
        finally
        {
            NativeMethods.GlobalTypeDelete(nativeType);
            NativeValues.Unroot(ref init);
        }
    }

    public IWasmInstance Instantiate(IWasmModule module, WasmImports? imports = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ThrowIfDisposed();
        if (module is not WasmtimeModule compiled || compiled.Engine != Engine)
        {
            throw new ArgumentException("The module was compiled by another engine.", nameof(module));
        }

        var externs = ResolveImports(compiled, imports ?? new WasmImports());
        nint error;
        nint trap;
        NativeInstance instance;
        var scope = Enter(cancellationToken);
        try
        {
            fixed (NativeExtern* items = externs)
            {
                error = NativeMethods.InstanceNew(Context, compiled.Handle, items, (nuint)externs.Length, out instance, out trap);
            }
        }
        finally
        {
            Exit(scope);
        }

        if (error != 0 || trap != 0)
        {
            throw InstantiationFailure(error, trap);
        }

        return new WasmtimeInstance(this, instance, compiled);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Deleting the store runs the finalizers of its host functions and externrefs, freeing their handles.
        _handle.Dispose();
        _self.Free();
    }

    /// <summary>Calls <paramref name="function"/> from the host: the call boundary.</summary>
    public void Call(WasmtimeFunction function, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var type = function.FunctionType;
        if (arguments.Length != type.Parameters.Count)
        {
            throw new ArgumentException($"The function takes {type.Parameters.Count} arguments, got {arguments.Length}.", nameof(arguments));
        }

        if (results.Length < type.Results.Count)
        {
            throw new ArgumentException($"The function returns {type.Results.Count} results; the span holds {results.Length}.", nameof(results));
        }

        var args = new NativeVal[arguments.Length];
        var values = new NativeVal[type.Results.Count];
        nint error;
        nint trap;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = NativeValues.ToNative(arguments[i], type.Parameters[i], this, nameof(arguments));
            }

            var scope = Enter(cancellationToken);
            try
            {
                fixed (NativeVal* a = args, r = values)
                {
                    var native = function.Native;
                    error = NativeMethods.FuncCall(Context, native, a, (nuint)args.Length, r, (nuint)values.Length, out trap);
                }
            }
            finally
            {
                Exit(scope);
            }
        }
        finally
        {
            for (var i = 0; i < args.Length; i++)
            {
                NativeValues.Unroot(ref args[i]);
            }
        }

        if (error != 0 || trap != 0)
        {
            throw CallFailure(error, trap);
        }

        for (var i = 0; i < values.Length; i++)
        {
            results[i] = NativeValues.FromNative(values[i], this);
            NativeValues.Unroot(ref values[i]);
        }
    }

    /// <summary>The one wrapper of a function of this store, so that a funcref keeps its identity.</summary>
    /// <param name="native">The function.</param>
    /// <param name="type">Its type if known; else asked of Wasmtime.</param>
    public WasmtimeFunction FunctionFor(NativeFunc native, FuncType? type)
    {
        var key = (native.StoreId, native.Private);
        if (!_functions.TryGetValue(key, out var function))
        {
            function = new WasmtimeFunction(this, native, type ?? ReadFuncType(native));
            _functions.Add(key, function);
        }

        return function;
    }

    /// <summary>Runs a read or an update of one of the store's objects, after checking the store is alive.</summary>
    public T Use<T>(Func<T> body)
    {
        ThrowIfDisposed();
        return body();
    }

    /// <inheritdoc cref="Use{T}(Func{T})"/>
    public void Use(Action body)
    {
        ThrowIfDisposed();
        body();
    }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Called by a host function that failed: its exception is what the call boundary throws.</summary>
    public void SetHostFailure(Exception failure) => _hostFailure ??= failure;

    /// <summary>Called at each epoch tick while code runs: whether the current call's token was cancelled.</summary>
    public bool InterruptIfCancelled()
    {
        if (_token.IsCancellationRequested)
        {
            _interrupted = true;
        }

        return _interrupted;
    }

    private void SetNativeFuel(long fuel) =>
        WasmtimeErrors.ThrowIfError(NativeMethods.ContextSetFuel(Context, (ulong)fuel), "Cannot set the fuel");

    private FuncType ReadFuncType(NativeFunc native)
    {
        var type = NativeMethods.FuncType(Context, native);
        try
        {
            return NativeTypes.FromFuncType(type);
        }
        finally
        {
            NativeMethods.FuncTypeDelete(type);
        }
    }

    private WasmTrapException CallFailure(nint error, nint trap)
    {
        var hostFailure = _hostFailure;
        var interrupted = _interrupted;
        _hostFailure = null;
        _interrupted = false;
        return WasmtimeErrors.CallFailure(error, trap, hostFailure, interrupted);
    }

    private WasmTrapException InstantiationFailure(nint error, nint trap)
    {
        if (trap != 0 || _hostFailure is not null || _interrupted)
        {
            return CallFailure(error, trap);
        }

        // Imports were checked before (ResolveImports), so what Wasmtime refuses without a trap is a memory or table
        // larger than the store's limiter allows.
        WasmtimeErrors.TakeMessage(error);
        return new WasmTrapException(TrapCode.ResourceLimitExceeded);
    }

    private Scope Enter(CancellationToken cancellationToken)
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref _ownerThread, me, 0);
        if (owner != 0 && owner != me)
        {
            throw new InvalidOperationException("Another thread is running in this store; a store runs on one thread at a time.");
        }

        var scope = new Scope(_token);
        _depth++;
        _token = cancellationToken;
        return scope;
    }

    private void Exit(Scope scope)
    {
        _token = scope.Token;
        if (--_depth == 0)
        {
            Volatile.Write(ref _ownerThread, 0);
        }
    }

    private readonly record struct Scope(CancellationToken Token);
}
