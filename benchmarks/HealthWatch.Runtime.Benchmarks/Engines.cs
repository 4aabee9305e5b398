using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Runtime.Benchmarks;

/// <summary>The engines a benchmark can run on, by the name used in its <c>[Params]</c>.</summary>
internal static class Engines
{
    /// <summary>The managed engine as shipped (fuel metering on, adaptive tiering).</summary>
    public const string Managed = "managed";

    /// <summary>The managed engine with every function compiled from its first call (no interpreter tier).</summary>
    public const string ManagedCompiled = "managed-compiled";

    /// <summary>The managed engine without fuel metering: what metering costs.</summary>
    public const string ManagedNoFuel = "managed-nofuel";

    public static IWasmEngine Create(string name) => name switch
    {
        Managed => new ManagedEngine(),
        ManagedNoFuel => new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false }),
        ManagedCompiled => new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.CompiledOnly }),
        _ => throw new ArgumentException($"Unknown engine '{name}'.", nameof(name)),
    };
}
