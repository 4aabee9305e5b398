namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>Which WebAssembly engine runs probes.</summary>
public enum WasmEngineKind
{
    /// <summary>Wasmtime when its native library loads, the managed engine otherwise.</summary>
    Auto,

    /// <summary>The managed engine (pure C#, no native code).</summary>
    Managed,

    /// <summary>Wasmtime; fails when its native library is missing.</summary>
    Wasmtime,
}
