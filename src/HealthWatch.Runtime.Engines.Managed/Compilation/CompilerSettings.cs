using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>What shapes generated code: whether it meters fuel, and the engine-wide type ids for <c>call_indirect</c>.</summary>
internal sealed record CompilerSettings(bool ConsumeFuel, TypeRegistry Types);
