using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>
/// What a <c>module</c> command left behind: its instance, or why there is none. Kept even on failure so that
/// later commands on that module fail with the original cause instead of running against an older module.
/// </summary>
internal sealed record ModuleSlot(int Line, IWasmInstance? Instance, string? Error)
{
    public IWasmInstance GetInstance(string? name) =>
        Instance ?? throw new SpecDataException($"module {name ?? "(current)"} from line {Line} did not instantiate: {Error}");
}
