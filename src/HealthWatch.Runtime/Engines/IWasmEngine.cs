namespace HealthWatch.Runtime.Engines;

/// <summary>
/// A WebAssembly engine: turns module bytes into compiled modules and creates stores to run them in.
/// Engines are thread-safe; stores and what they contain are used by one thread at a time.
/// </summary>
public interface IWasmEngine : IDisposable
{
    /// <summary>A short name for logs and diagnostics, e.g. <c>managed</c> or <c>wasmtime</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The engine's settings that shape compiled code, as stable text, so that caches of compiled modules can
    /// tell engines apart; empty when there are none.
    /// </summary>
    string Settings => string.Empty;

    /// <summary>Decodes, validates and compiles a module.</summary>
    /// <param name="bytes">The module in the WebAssembly binary format.</param>
    /// <param name="cancellationToken">Cancels compilation.</param>
    /// <returns>The compiled module, which can be instantiated in any store of this engine.</returns>
    /// <exception cref="WasmModuleException">The module is malformed, invalid, or uses an unsupported feature.</exception>
    IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Creates a store: the unit of isolation that owns instances and enforces <paramref name="limits"/>.</summary>
    /// <param name="limits">Resource limits; <see cref="WasmStoreLimits.Default"/> when null.</param>
    IWasmStore CreateStore(WasmStoreLimits? limits = null);

    /// <summary>
    /// Runs <paramref name="work"/> on a thread where this engine runs guest code best, without blocking the
    /// caller: calls made inside it run inline instead of being handed to another thread. Use it to run guest
    /// code from asynchronous code without tying up a thread-pool thread.
    /// </summary>
    /// <param name="work">The work; its exception faults the returned task.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started yet.</param>
    Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default);
}

/// <summary>A compiled module. Disposing it releases its compiled code once no instance uses it.</summary>
public interface IWasmModule : IDisposable
{
    /// <summary>The module's name from its <c>name</c> section, if any.</summary>
    string? Name { get; }

    /// <summary>What the module imports, in declaration order.</summary>
    IReadOnlyList<ImportDescriptor> Imports { get; }

    /// <summary>What the module exports, in declaration order.</summary>
    IReadOnlyList<ExportDescriptor> Exports { get; }
}

/// <summary>
/// Owns instances and host objects, and enforces limits (fuel, memory, table size, call depth) on everything
/// running in it. A store is not thread-safe: use it from one thread at a time.
/// </summary>
public interface IWasmStore : IDisposable
{
    /// <summary>The limits this store enforces.</summary>
    WasmStoreLimits Limits { get; }

    /// <summary>The fuel left, or null when fuel is unlimited.</summary>
    long? RemainingFuel { get; }

    /// <summary>Sets the fuel left. Execution traps with <see cref="TrapCode.OutOfFuel"/> when it runs out.</summary>
    /// <param name="fuel">The new amount, at least zero.</param>
    /// <exception cref="NotSupportedException">The engine was configured without fuel metering.</exception>
    void SetFuel(long fuel);

    /// <summary>Instantiates a module: resolves imports, initialises globals, tables and memory, and runs the start function.</summary>
    /// <param name="module">A module compiled by this store's engine.</param>
    /// <param name="imports">Values for the module's imports.</param>
    /// <param name="cancellationToken">Interrupts the start function.</param>
    /// <exception cref="WasmLinkException">An import is missing or has an incompatible type.</exception>
    /// <exception cref="WasmTrapException">A segment is out of bounds, or the start function trapped.</exception>
    IWasmInstance Instantiate(IWasmModule module, WasmImports? imports = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a host function that modules can import.</summary>
    /// <param name="type">The function's WebAssembly type.</param>
    /// <param name="callback">Called with the arguments; writes the results. Anything it throws becomes a <see cref="TrapCode.HostError"/> trap.</param>
    IWasmFunction CreateFunction(FuncType type, HostFunctionCallback callback);

    /// <summary>Creates a memory that modules can import.</summary>
    IWasmMemory CreateMemory(MemoryType type);

    /// <summary>Creates a table that modules can import, filled with <paramref name="initialValue"/>.</summary>
    IWasmTable CreateTable(TableType type, WasmValue initialValue);

    /// <summary>Creates a global that modules can import.</summary>
    IWasmGlobal CreateGlobal(GlobalType type, WasmValue value);
}

/// <summary>A host function's implementation.</summary>
/// <param name="arguments">The arguments, typed as the function's parameters.</param>
/// <param name="results">Where to write the results; each slot must receive a value of the declared result type.</param>
public delegate void HostFunctionCallback(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);

/// <summary>An instance of a module: its exports, ready to be called.</summary>
public interface IWasmInstance
{
    /// <summary>The instance's exports, in declaration order.</summary>
    IReadOnlyList<ExportDescriptor> Exports { get; }

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    IWasmExtern? GetExport(string name);
}

/// <summary>A function, table, memory or global that can be imported or exported.</summary>
public interface IWasmExtern
{
    /// <summary>The type of this extern.</summary>
    ExternType Type { get; }
}

/// <summary>A WebAssembly or host function.</summary>
public interface IWasmFunction : IWasmExtern
{
    /// <summary>The function's type.</summary>
    FuncType FunctionType { get; }

    /// <summary>Calls the function.</summary>
    /// <param name="arguments">One value per parameter, of the parameter's type.</param>
    /// <param name="results">Receives one value per result.</param>
    /// <param name="cancellationToken">Interrupts execution with <see cref="TrapCode.Interrupted"/>.</param>
    /// <exception cref="ArgumentException">The arguments do not match the function's type.</exception>
    /// <exception cref="WasmTrapException">Execution trapped.</exception>
    void Invoke(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken = default);
}

/// <summary>A linear memory.</summary>
public interface IWasmMemory : IWasmExtern
{
    /// <summary>The current size in 64 KiB pages.</summary>
    uint Pages { get; }

    /// <summary>The current size in bytes.</summary>
    long Length { get; }

    /// <summary>Grows the memory by <paramref name="deltaPages"/> pages.</summary>
    /// <returns>The previous size in pages, or -1 if the memory cannot grow that far.</returns>
    long Grow(uint deltaPages);

    /// <summary>
    /// A view of <paramref name="length"/> bytes at <paramref name="offset"/>. The view is only valid until the
    /// memory next grows or guest code runs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the memory.</exception>
    Span<byte> GetSpan(long offset, int length);
}

/// <summary>A table of references.</summary>
public interface IWasmTable : IWasmExtern
{
    /// <summary>The current number of elements.</summary>
    uint Size { get; }

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not less than <see cref="Size"/>.</exception>
    WasmValue Get(uint index);

    /// <summary>Replaces the element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not less than <see cref="Size"/>.</exception>
    /// <exception cref="ArgumentException">The value is not of the table's element type.</exception>
    void Set(uint index, WasmValue value);

    /// <summary>Grows the table by <paramref name="delta"/> elements set to <paramref name="initialValue"/>.</summary>
    /// <returns>The previous size, or -1 if the table cannot grow that far.</returns>
    long Grow(uint delta, WasmValue initialValue);
}

/// <summary>A global variable.</summary>
public interface IWasmGlobal : IWasmExtern
{
    /// <summary>The global's type.</summary>
    GlobalType GlobalType { get; }

    /// <summary>The current value.</summary>
    /// <exception cref="InvalidOperationException">Setting an immutable global.</exception>
    /// <exception cref="ArgumentException">Setting a value of another type.</exception>
    WasmValue Value { get; set; }
}
