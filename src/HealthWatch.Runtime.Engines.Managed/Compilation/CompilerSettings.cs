using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// What shapes generated code: whether it meters fuel, and the engine-wide type ids for <c>call_indirect</c>; and
/// how functions move between the interpreter and compiled code.
/// </summary>
internal sealed record CompilerSettings(
    bool ConsumeFuel,
    TypeRegistry Types,
    ManagedTiering Tiering = ManagedTiering.Adaptive,
    int TierUpThreshold = ManagedEngineOptions.DefaultTierUpThreshold);
