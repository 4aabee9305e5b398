using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// A WebAssembly engine over Wasmtime's C API: modules are compiled to machine code by Cranelift. Needs the native
/// library (docs/wasmtime.md): a <c>HealthWatch.Runtime.Native.&lt;rid&gt;</c> package or
/// <c>HEALTHWATCH_WASMTIME_LIB</c>. Thread-safe.
/// </summary>
public sealed unsafe class WasmtimeEngine : IWasmEngine
{
    /// <summary>The Wasmtime release whose C API this engine binds and whose library the runtime packages carry.</summary>
    public const string WasmtimeVersion = "48.0.0";

    private readonly EngineHandle _handle;
    private readonly Timer _epochTimer;
    private readonly CompiledModuleCache? _cache;
    private volatile bool _disposed;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Settings; <see cref="WasmtimeEngineOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DllNotFoundException">The native library is missing; the message says what to install.</exception>
    public WasmtimeEngine(WasmtimeEngineOptions? options = null)
    {
        Options = options ?? WasmtimeEngineOptions.Default;
        Options.Validate();
        if (!WasmtimeLibrary.TryLoad(out var description))
        {
            throw new DllNotFoundException(description);
        }

        _handle = NativeMethods.EngineNewWithConfig(CreateConfig(Options));
        _cache = Options.CacheDirectory is { } directory ? new CompiledModuleCache(directory, $"wasmtime {WasmtimeVersion}|{Settings}") : null;

        // Cancellation works through epochs: each tick makes running code check its store's token (WasmtimeStore).
        _epochTimer = new Timer(static state => ((WasmtimeEngine)state!).Tick(), this, Options.EpochInterval, Options.EpochInterval);
    }

    /// <summary>The engine's settings.</summary>
    public WasmtimeEngineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "wasmtime";

    /// <inheritdoc />
    public string Settings => Options.ToString();

    internal EngineHandle Handle => _handle;

    /// <summary>Whether the native library can be loaded here, without creating an engine.</summary>
    /// <param name="description">Where it was loaded from, or why it could not be (naming the package to add).</param>
    public static bool IsAvailable(out string description) => WasmtimeLibrary.TryLoad(out description);

    /// <inheritdoc />
    public IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var key = _cache?.Key(bytes.Span);
        if (key is not null && _cache!.TryRead(key) is { } payload)
        {
            if (Deserialize(payload) is { } cached)
            {
                return new WasmtimeModule(this, cached);
            }

            // Whole and ours, yet refused (another Wasmtime build wrote it): compile and replace it.
            _cache.Remove(key);
        }

        NativeModuleHandle module;
        nint error;
        fixed (byte* wasm = bytes.Span)
        {
            error = NativeMethods.ModuleNew(_handle, wasm, (nuint)bytes.Length, out module);
        }

        if (error != 0)
        {
            module.Dispose();
            throw WasmtimeErrors.ModuleError(error);
        }

        if (key is not null)
        {
            Store(key, module);
        }

        return new WasmtimeModule(this, module);
    }

    /// <inheritdoc />
    public IWasmStore CreateStore(WasmStoreLimits? limits = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new WasmtimeStore(this, limits ?? WasmStoreLimits.Default);
    }

    /// <inheritdoc />
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);

        // Wasmtime bounds its own stack use (MaxWasmStackBytes), so any thread-pool thread will do.
        return Task.Run(work, cancellationToken);
    }

    /// <summary>Stops loading modules and creating stores, and stops the epoch timer. What the engine made stays usable.</summary>
    public void Dispose()
    {
        _disposed = true;
        _epochTimer.Dispose();
        _handle.Dispose();
    }

    private static nint CreateConfig(WasmtimeEngineOptions options)
    {
        var config = NativeMethods.ConfigNew();
        NativeMethods.ConfigConsumeFuel(config, options.ConsumeFuel);
        NativeMethods.ConfigEpochInterruption(config, true);
        NativeMethods.ConfigMaxWasmStack(config, (nuint)options.MaxWasmStackBytes);
        NativeMethods.ConfigCraneliftOptLevel(config, (byte)options.OptimizationLevel);

        // The core's value model has no v128 or typed references, and wasm.h's type accessors abort the process on
        // them: leave off every proposal that brings them, and threads (shared memories), so that such modules are
        // rejected as unsupported, as the managed engine rejects them.
        NativeMethods.ConfigWasmSimd(config, false);
        NativeMethods.ConfigWasmRelaxedSimd(config, false);
        NativeMethods.ConfigWasmGc(config, false);
        NativeMethods.ConfigWasmFunctionReferences(config, false);
        NativeMethods.ConfigWasmExceptions(config, false);
        NativeMethods.ConfigWasmThreads(config, false);
        NativeMethods.ConfigWasmMemory64(config, false);
        return config;
    }

    private void Tick()
    {
        if (!_disposed)
        {
            NativeMethods.EngineIncrementEpoch(_handle);
        }
    }

    private NativeModuleHandle? Deserialize(byte[] payload)
    {
        NativeModuleHandle module;
        nint error;
        fixed (byte* bytes = payload)
        {
            error = NativeMethods.ModuleDeserialize(_handle, bytes, (nuint)payload.Length, out module);
        }

        if (error == 0)
        {
            return module;
        }

        WasmtimeErrors.TakeMessage(error);
        module.Dispose();
        return null;
    }

    private void Store(byte[] key, NativeModuleHandle module)
    {
        var error = NativeMethods.ModuleSerialize(module, out var serialized);
        if (error != 0)
        {
            WasmtimeErrors.TakeMessage(error);
            return;
        }

        try
        {
            _cache!.Write(key, new ReadOnlySpan<byte>((byte*)serialized.Data, checked((int)serialized.Size)));
        }
        finally
        {
            NativeMethods.ByteVecDelete(ref serialized);
        }
    }
}
