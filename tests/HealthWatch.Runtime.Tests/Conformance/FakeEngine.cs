using System.Text;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>
/// A scripted engine for testing the runner itself. A "module" is a UTF-8 word: <c>ok</c> instantiates (exporting
/// <see cref="FakeEngine.Functions"/> and a global <c>g</c>), <c>malformed</c> / <c>invalid</c> fail to load with that
/// kind, <c>unlinkable</c> fails to link, <c>start-traps</c> traps during instantiation, <c>crash</c> throws a non-Wasm exception.
/// </summary>
internal sealed class FakeEngine : IWasmEngine
{
    /// <summary>Exported functions of every <c>ok</c> module: (type, implementation).</summary>
    public static readonly Dictionary<string, (FuncType Type, Func<WasmValue[], CancellationToken, WasmValue[]> Run)> Functions = new()
    {
        ["i32.42"] = (Type([], [ValType.I32]), (_, _) => [WasmValue.FromInt32(42)]),
        ["f32.canonical"] = (Type([], [ValType.F32]), (_, _) => [WasmValue.FromSingleBits(0x7FC0_0000)]),
        ["f32.arithmetic"] = (Type([], [ValType.F32]), (_, _) => [WasmValue.FromSingleBits(0xFFC0_0001)]),
        ["f64.signaling"] = (Type([], [ValType.F64]), (_, _) => [WasmValue.FromDoubleBits(0x7FF0_0000_0000_0001)]),
        ["echo"] = (Type([ValType.ExternRef], [ValType.ExternRef]), (args, _) => [args[0]]),
        ["none"] = (Type([], []), (_, _) => []),
        ["divide-by-zero"] = (Type([], [ValType.I32]), (_, _) => throw new WasmTrapException(TrapCode.IntegerDivideByZero)),
        ["throws"] = (Type([], []), (_, _) => throw new InvalidOperationException("engine bug")),
        ["cooperative-hang"] = (Type([], []), (_, token) =>
        {
            token.WaitHandle.WaitOne();
            throw new WasmTrapException(TrapCode.Interrupted);
        }),
        ["hang"] = (Type([], []), (_, _) =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(3));
            return [];
        }),
    };

    public string Name => "fake";

    public IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(bytes.Span).Trim() switch
        {
            "malformed" => throw new WasmModuleException(ModuleErrorKind.Malformed, "unexpected end"),
            "invalid" => throw new WasmModuleException(ModuleErrorKind.Invalid, "type mismatch"),
            "crash" => throw new InvalidOperationException("decoder bug"),
            var word => new FakeModule(word),
        };

    public IWasmStore CreateStore(WasmStoreLimits? limits = null) => new FakeStore();

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default) => Task.FromResult(work());

    public void Dispose()
    {
    }

    private static FuncType Type(ValType[] parameters, ValType[] results) => new(parameters, results);

    private sealed class FakeModule(string word) : IWasmModule
    {
        public string Word { get; } = word;

        public string? Name => null;

        public IReadOnlyList<ImportDescriptor> Imports => [];

        public IReadOnlyList<ExportDescriptor> Exports => [];

        public void Dispose()
        {
        }
    }

    private sealed class FakeStore : IWasmStore
    {
        public WasmStoreLimits Limits => WasmStoreLimits.Default;

        public long? RemainingFuel => null;

        public void SetFuel(long fuel) => throw new NotSupportedException();

        public IWasmInstance Instantiate(IWasmModule module, WasmImports? imports = null, CancellationToken cancellationToken = default) =>
            ((FakeModule)module).Word switch
            {
                "ok" => new FakeInstance(),
                "unlinkable" => throw new WasmLinkException("spectest", "unknown", "unknown import"),
                "start-traps" => throw new WasmTrapException(TrapCode.Unreachable),
                var word => throw new InvalidOperationException($"unknown fake module '{word}'"),
            };

        public IWasmFunction CreateFunction(FuncType type, HostFunctionCallback callback) => new FakeFunction(type, (_, _) => []);

        public IWasmMemory CreateMemory(MemoryType type) => new FakeExtern(type);

        public IWasmTable CreateTable(TableType type, WasmValue initialValue) => new FakeExtern(type);

        public IWasmGlobal CreateGlobal(GlobalType type, WasmValue value) => new FakeExtern(type);

        public void Dispose()
        {
        }
    }

    private sealed class FakeInstance : IWasmInstance
    {
        public IReadOnlyList<ExportDescriptor> Exports => [];

        public IWasmExtern? GetExport(string name) =>
            name == "g" ? new FakeExtern(new GlobalType(ValType.I64, false))
            : Functions.TryGetValue(name, out var f) ? new FakeFunction(f.Type, f.Run)
            : null;
    }

    private sealed class FakeFunction(FuncType type, Func<WasmValue[], CancellationToken, WasmValue[]> run) : IWasmFunction
    {
        public ExternType Type => type;

        public FuncType FunctionType => type;

        public void Invoke(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken = default) =>
            run(arguments.ToArray(), cancellationToken).CopyTo(results);
    }

    // Memories, tables and globals: only a global's value is ever read by the runner (i64 7).
    private sealed class FakeExtern(ExternType type) : IWasmMemory, IWasmTable, IWasmGlobal
    {
        public ExternType Type => type;

        public GlobalType GlobalType => (GlobalType)type;

        public WasmValue Value
        {
            get => WasmValue.FromInt64(7);
            set => throw new NotSupportedException();
        }

        public uint Pages => 0;

        public long Length => 0;

        public uint Size => 0;

        public long Grow(uint deltaPages) => -1;

        public long Grow(uint delta, WasmValue initialValue) => -1;

        public Span<byte> GetSpan(long offset, int length) => throw new NotSupportedException();

        public WasmValue Get(uint index) => throw new NotSupportedException();

        public void Set(uint index, WasmValue value) => throw new NotSupportedException();
    }
}
