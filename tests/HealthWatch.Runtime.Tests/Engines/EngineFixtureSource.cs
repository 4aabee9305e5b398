using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Wasmtime;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>Creates one kind of engine for the behaviour tests; shows as the fixture's argument.</summary>
/// <param name="Name">The engine's name.</param>
/// <param name="Create">Creates an engine.</param>
/// <param name="Unavailable">Why the engine cannot run here (its fixtures are then skipped with this text), or null.</param>
public sealed record EngineFactory(string Name, Func<IWasmEngine> Create, Func<string?> Unavailable)
{
    /// <summary>Creates an engine, or returns null when it cannot run here.</summary>
    public IWasmEngine? CreateIfAvailable() => Unavailable() is null ? Create() : null;

    /// <summary>
    /// Skips the calling test when the engine cannot run here. Called per test (from a set-up method), so that each
    /// case reports the reason itself rather than NUnit's "OneTimeSetUp: " form of it.
    /// </summary>
    public void IgnoreIfUnavailable()
    {
        if (Unavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    public override string ToString() => Name;
}

/// <summary>
/// The engines every behaviour fixture runs against. To test another engine, add its factory here: each fixture
/// marked <c>[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]</c> runs once per entry.
/// </summary>
public static class EngineFixtureSource
{
    /// <summary>The skip reason of the Wasmtime cases where the library is absent.</summary>
    public const string WasmtimeLibraryMissing = "libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)";

    public static IEnumerable<EngineFactory> Engines { get; } =
    [
        new("managed", () => new ManagedEngine(), () => null),

        // The managed engine's two tiers on their own: adaptive tiering runs most test code in the interpreter.
        new("managed-compiled", () => new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.CompiledOnly }), () => null),
        new("managed-interpreted", () => new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.InterpretedOnly }), () => null),

        // Promotion and on-stack replacement at their earliest: the second call, the second loop iteration.
        new("managed-tierup", () => new ManagedEngine(new ManagedEngineOptions { TierUpThreshold = 2 }), () => null),

        // Wasmtime needs its native library (docs/wasmtime.md); where it is missing every case reports exactly why.
        new("wasmtime", () => new WasmtimeEngine(), () => WasmtimeEngine.IsAvailable(out _) ? null : WasmtimeLibraryMissing),
    ];
}
