namespace HealthWatch.Runtime.Engines.Managed;

/// <summary>
/// A WebAssembly engine written in C#: modules are decoded, validated and compiled to CIL, which the .NET JIT
/// turns into machine code. Needs no native library. Thread-safe.
/// </summary>
public sealed class ManagedEngine : IWasmEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="options">Settings; <see cref="ManagedEngineOptions.Default"/> when null.</param>
    public ManagedEngine(ManagedEngineOptions? options = null)
    {
        Options = options ?? ManagedEngineOptions.Default;
    }

    /// <summary>The engine's settings.</summary>
    public ManagedEngineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc />
    public IWasmStore CreateStore(WasmStoreLimits? limits = null) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
