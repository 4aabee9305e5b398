using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>Creates one kind of engine for the behaviour tests; shows as the fixture's argument.</summary>
public sealed record EngineFactory(string Name, Func<IWasmEngine> Create)
{
    public override string ToString() => Name;
}

/// <summary>
/// The engines every behaviour fixture runs against. To test another engine, add its factory here: each fixture
/// marked <c>[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]</c> runs once per entry.
/// </summary>
public static class EngineFixtureSource
{
    public static IEnumerable<EngineFactory> Engines { get; } =
    [
        new("managed", () => new ManagedEngine()),
    ];
}
