using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>The engines the spec suite runs against, by name. Add an engine here to give it its own test cases.</summary>
internal static class SpecEngines
{
    public static readonly IReadOnlyDictionary<string, Func<IWasmEngine>> All = new Dictionary<string, Func<IWasmEngine>>
    {
        ["managed"] = () => new ManagedEngine(),
    };
}
