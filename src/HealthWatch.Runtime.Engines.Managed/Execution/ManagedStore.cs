using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// A store of the managed engine: owns one <see cref="ExecutionState"/> shared by everything running in it,
/// creates host objects, instantiates modules and guards the call boundary (see ManagedStore.Calls.cs).
/// </summary>
internal sealed partial class ManagedStore : IWasmStore
{
    // Every module instantiated here: the backtrace of a trap is mapped against them, and the largest frame
    // among them sets the stack margin. Holding them keeps their code alive as long as the store. Only the
    // thread running in the store touches these (instantiation enters the store too).
    private CompiledModule[] _modules = [];

    // The memories created here, whose buffers go back to the engine's pool when the store is disposed.
    private MemoryInstance[] _memories = [];
    private int _maxFrameBytes;
    private long _tables;
    private bool _fuelLimited;
    private volatile bool _disposed;

    public ManagedStore(ManagedEngine engine, WasmStoreLimits limits)
    {
        limits.Validate();
        if (limits.Fuel is not null && !engine.Options.ConsumeFuel)
        {
            throw new NotSupportedException("This engine was created without fuel metering (ManagedEngineOptions.ConsumeFuel).");
        }

        Engine = engine;
        Limits = limits;
        _fuelLimited = limits.Fuel is not null;
        State = new ExecutionState { Fuel = limits.Fuel ?? long.MaxValue, CallDepthRemaining = limits.MaxCallDepth };
    }

    public ManagedEngine Engine { get; }

    public ExecutionState State { get; }

    public WasmStoreLimits Limits { get; }

    /// <summary>Memories may not grow past this many pages: the store limit, capped by what one array holds.</summary>
    public uint MaxMemoryPages => Math.Min(Limits.MaxMemoryPages, MemoryInstance.MaxArrayPages);

    public long? RemainingFuel => _fuelLimited ? Math.Max(0, Volatile.Read(ref State.Fuel)) : null;

    public void SetFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        if (!Engine.Options.ConsumeFuel)
        {
            throw new NotSupportedException("This engine was created without fuel metering (ManagedEngineOptions.ConsumeFuel).");
        }

        Volatile.Write(ref State.Fuel, fuel);
        _fuelLimited = true;
    }

    public IWasmFunction CreateFunction(FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfDisposed();
        if (type.Parameters.Contains(ValType.V128) || type.Results.Contains(ValType.V128))
        {
            throw new NotSupportedException("v128 values are not supported.");
        }

        return new HostFunction(this, type, callback);
    }

    public IWasmMemory CreateMemory(MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        return NewMemory(type);
    }

    public IWasmTable CreateTable(TableType type, WasmValue initialValue)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        if (!type.ElementType.IsReference())
        {
            throw new ArgumentException("A table's element type must be a reference type.", nameof(type));
        }

        ValueMarshal.Check(initialValue, this, type.ElementType, nameof(initialValue));
        AddTables(1);
        return new TableInstance(type, Limits.MaxTableElements, initialValue.AsReference()) { Owner = this };
    }

    public IWasmGlobal CreateGlobal(GlobalType type, WasmValue value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfDisposed();
        ValueMarshal.Check(value, this, type.ValueType, nameof(value));
        var global = new GlobalInstance(type, this);
        global.Initialize(value);
        return global;
    }

    public IWasmInstance Instantiate(IWasmModule module, WasmImports? imports = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ThrowIfDisposed();
        if (module is not ManagedModule managed || managed.Engine != Engine)
        {
            throw new ArgumentException("The module was compiled by another engine.", nameof(module));
        }

        imports ??= new WasmImports();
        return GuestThreads.IsCurrent ? InstantiateHere(managed, imports, cancellationToken) : InstantiateOnGuestThread(managed, imports, cancellationToken);
    }

    /// <summary>Whether <paramref name="value"/> is a function, memory, table or global of this store.</summary>
    public bool Owns(object value) => value switch
    {
        FunctionInstance f => f.Store == this,
        MemoryInstance m => m.Owner == this,
        TableInstance t => t.Owner == this,
        GlobalInstance g => g.Owner == this,
        _ => false,
    };

    /// <summary>
    /// Marks the store disposed. When no thread is running in it, the store is also sealed, so that none can enter
    /// later, and its memories give their buffers back to the engine's pool, as does its interpreter stack: only then
    /// is nothing left that could touch them (generated code holds a memory's buffer in a local while it runs). A
    /// store disposed while code runs in it leaves them to the GC.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        if (Interlocked.CompareExchange(ref _ownerThread, SealedOwner, 0) != 0)
        {
            return;
        }

        foreach (var memory in _memories)
        {
            memory.Release();
        }

        _memories = [];
        if (State.Interpreter is { } stack)
        {
            State.Interpreter = null;
            Engine.InterpreterStacks.Return(stack);
        }
    }

    /// <summary>A memory of this store, its buffer taken from the engine's pool. Only the thread running in the store (or creating it) calls this.</summary>
    internal MemoryInstance NewMemory(MemoryType type)
    {
        var memory = new MemoryInstance(type, MaxMemoryPages, Engine.MemoryPool) { Owner = this };
        _memories = [.. _memories, memory];
        return memory;
    }

    // Apart from InstantiateOnGuestThread, so that a call already on a guest thread (a probe run) allocates no closure.
    private ManagedInstance InstantiateHere(ManagedModule module, WasmImports imports, CancellationToken cancellationToken)
    {
        var scope = Enter(cancellationToken);
        try
        {
            return new Instantiator(this, module, imports).Run();
        }
        finally
        {
            Exit(scope);
        }
    }

    private ManagedInstance InstantiateOnGuestThread(ManagedModule module, WasmImports imports, CancellationToken cancellationToken)
    {
        ManagedInstance? result = null;
        GuestThreads.Run(() => result = InstantiateHere(module, imports, cancellationToken));
        return result!;
    }

    /// <summary>Records a module instantiated in this store (for backtraces and the stack margin).</summary>
    internal void AddModule(CompiledModule module)
    {
        if (Array.IndexOf(_modules, module) < 0)
        {
            _modules = [.. _modules, module];
            _maxFrameBytes = Math.Max(_maxFrameBytes, module.MaxFrameBytes);
        }
    }

    /// <summary>Counts <paramref name="count"/> new tables against <see cref="WasmStoreLimits.MaxTables"/>, before any is allocated.</summary>
    /// <exception cref="WasmTrapException">The store would hold more tables than its limit.</exception>
    internal void AddTables(int count)
    {
        if (_tables + count > Limits.MaxTables)
        {
            throw new WasmTrapException(TrapCode.ResourceLimitExceeded);
        }

        _tables += count;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
