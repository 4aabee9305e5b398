using System.Runtime.CompilerServices;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Creates trap exceptions. Generated code calls <see cref="Create"/> and emits <c>throw</c>, so the JIT keeps trap paths cold.</summary>
internal static class Trap
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WasmTrapException Create(TrapCode code) => new(code);
}
