using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// Per module: which tier each defined function runs in, the interpreter's form of each (made on first use), and
/// the heat (calls plus loop iterations, against <see cref="ManagedEngineOptions.TierUpThreshold"/>) that decides when
/// a function moves to compiled code. Shared by every instance of the module, so a function that turned hot in one
/// store starts compiled in the next. Heat is counted without synchronisation: a lost increment only delays a
/// promotion.
/// </summary>
internal sealed class FunctionTiers
{
    /// <summary>
    /// On-stack-replacement entries per module at most. Each is an assembly of its own; a module whose every
    /// function has a hot loop (a hostile one) must not make thousands. Past the cap, a long call stays interpreted
    /// until it returns, and its next call runs compiled.
    /// </summary>
    public const int MaxOsrEntries = 64;

    private readonly CompiledModule _module;
    private readonly CompilerSettings _settings;
    private readonly Dictionary<(int Function, int Loop), OsrEntry> _osrEntries = [];

    // Functions refused an entry once the module had MaxOsrEntries: their hot loops ask at every iteration.
    private readonly bool[] _osrRefused;
    private readonly InterpretedFunction?[] _interpreted;
    private readonly int[] _heat;
    private readonly FuncType[] _functionTypes;
    private readonly ValType[] _globalTypes;

    public FunctionTiers(CompiledModule module, CompilerSettings settings, FuncType[] functionTypes, ValType[] globalTypes)
    {
        _module = module;
        _settings = settings;
        _functionTypes = functionTypes;
        _globalTypes = globalTypes;
        var defined = module.Definition.FunctionTypeIndices.Count;
        _interpreted = new InterpretedFunction?[defined];
        _heat = new int[defined];
        _osrRefused = new bool[defined];
        TypeIds = [.. module.Definition.Types.Select(settings.Types.GetId)];
    }

    public ManagedTiering Mode => _settings.Tiering;

    /// <summary>Calls plus loop iterations after which a function runs compiled; loop iterations of one call after which that call does.</summary>
    public int TierUpThreshold => _settings.TierUpThreshold;

    /// <summary>Whether interpreted code meters fuel (as compiled code of the same engine does).</summary>
    public bool ConsumeFuel => _settings.ConsumeFuel;

    /// <summary>The engine-wide type id of each type of the module's type section, for <c>call_indirect</c>.</summary>
    public int[] TypeIds { get; }

    /// <summary>Whether defined function <paramref name="defined"/> runs compiled now.</summary>
    public bool IsCompiled(int defined) => Mode switch
    {
        ManagedTiering.CompiledOnly => true,
        ManagedTiering.InterpretedOnly => false,
        _ => _heat[defined] >= _settings.TierUpThreshold,
    };

    /// <summary>Adds <paramref name="amount"/> to the heat of <paramref name="defined"/>; true once it is hot enough to compile.</summary>
    public bool Warm(int defined, int amount)
    {
        if (Mode != ManagedTiering.Adaptive)
        {
            return false;
        }

        // Saturates at the threshold: a loop that cannot be replaced keeps warming a hot function.
        var heat = _heat[defined];
        if (heat >= _settings.TierUpThreshold)
        {
            return true;
        }

        _heat[defined] = heat + amount;
        return heat + amount >= _settings.TierUpThreshold;
    }

    /// <summary>The interpreter's form of defined function <paramref name="defined"/>, lowered on first use.</summary>
    public InterpretedFunction Interpreted(int defined)
    {
        var function = Volatile.Read(ref _interpreted[defined]);
        if (function is null)
        {
            // Two threads may lower the same function at once; either result is the same, and one wins.
            function = Lowering.Lower(_module, _functionTypes, _globalTypes, defined);
            function = Interlocked.CompareExchange(ref _interpreted[defined], function, null) ?? function;
        }

        return function;
    }

    /// <summary>How many on-stack-replacement entries the module has compiled.</summary>
    public int OsrEntryCount
    {
        get
        {
            lock (_osrEntries)
            {
                return _osrEntries.Count;
            }
        }
    }

    /// <summary>
    /// The entry that continues a call of defined function <paramref name="defined"/> in compiled code at loop
    /// number <paramref name="loop"/>, compiled on first request; null past <see cref="MaxOsrEntries"/>.
    /// </summary>
    public OsrEntry? Osr(int defined, int loop)
    {
        if (Volatile.Read(ref _osrRefused[defined]))
        {
            return null;
        }

        lock (_osrEntries)
        {
            if (_osrEntries.TryGetValue((defined, loop), out var entry))
            {
                return entry;
            }

            if (_osrEntries.Count >= MaxOsrEntries)
            {
                Volatile.Write(ref _osrRefused[defined], true);
                return null;
            }

            entry = OsrCompiler.Compile(_module, _settings, defined, loop);
            _osrEntries[(defined, loop)] = entry;
            return entry;
        }
    }
}
