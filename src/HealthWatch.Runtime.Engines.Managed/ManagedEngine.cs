using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Decoding;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed;

/// <summary>
/// A WebAssembly engine written in C#: modules are decoded, validated and compiled to CIL, which the .NET JIT
/// turns into machine code. Needs no native library. Thread-safe.
/// </summary>
public sealed class ManagedEngine : IWasmEngine
{
    private volatile bool _disposed;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Settings; <see cref="ManagedEngineOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names each).</exception>
    public ManagedEngine(ManagedEngineOptions? options = null)
    {
        Options = options ?? ManagedEngineOptions.Default;
        var problems = Options.GetProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Invalid managed engine options: {string.Join(" ", problems)}");
        }
    }

    /// <summary>The engine's settings.</summary>
    public ManagedEngineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public string Settings => Options.ToString();

    /// <summary>Engine-wide function type ids, shared by compiled code (<c>call_indirect</c>) and the runtime.</summary>
    internal TypeRegistry Types { get; } = new();

    /// <summary>Entry stubs and host trampolines, per function type.</summary>
    internal Signatures Signatures { get; } = new();

    /// <summary>Linear memory buffers reused from one store to the next.</summary>
    internal LinearMemoryPool MemoryPool { get; } = new();

    /// <summary>Interpreter stacks reused from one store to the next.</summary>
    internal Interpretation.InterpreterStackPool InterpreterStacks { get; } = new();

    /// <inheritdoc />
    public IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var definition = ModuleDecoder.Decode(bytes, cancellationToken);
        ModuleValidator.Validate(definition, cancellationToken);
        var compiled = ModuleCompiler.Compile(definition, new CompilerSettings(Options.ConsumeFuel, Types, Options.Tiering, Options.TierUpThreshold), cancellationToken);
        return new ManagedModule(this, compiled);
    }

    /// <inheritdoc />
    public IWasmStore CreateStore(WasmStoreLimits? limits = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ManagedStore(this, limits ?? WasmStoreLimits.Default);
    }

    /// <inheritdoc />
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        return GuestThreads.IsCurrent ? Task.FromResult(work()) : GuestThreads.RunAsync(work);
    }

    /// <summary>Marks the engine disposed: it loads no more modules and creates no more stores. What it made stays usable.</summary>
    public void Dispose() => _disposed = true;
}
