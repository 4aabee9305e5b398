using System.Reflection;
using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Decoding;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

/// <summary>
/// A module from Modules/Compilation, decoded, validated and compiled, with a hand-made instance (no store, no
/// imports) so that compiled methods can be called directly.
/// </summary>
internal sealed class CompiledTestModule
{
    private CompiledTestModule(CompiledModule compiled, ModuleInstance instance)
    {
        Compiled = compiled;
        Instance = instance;
    }

    public CompiledModule Compiled { get; }

    public ModuleInstance Instance { get; }

    public ExecutionState State => Instance.State;

    public static byte[] Bytes(string file) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Modules", "Compilation", file));

    public static CompiledTestModule Load(string file, bool consumeFuel = false) => FromBytes(Bytes(file), consumeFuel);

    /// <summary>Compiles a module without imports; its globals start at zero (initialisers are not run).</summary>
    public static CompiledTestModule FromBytes(byte[] bytes, bool consumeFuel = false)
    {
        var definition = ModuleDecoder.Decode(bytes);
        ModuleValidator.Validate(definition);
        var compiled = ModuleCompiler.Compile(definition, new CompilerSettings(consumeFuel, new TypeRegistry()));
        var instance = new ModuleInstance
        {
            State = new ExecutionState { StackLimit = 0, CallDepthRemaining = 10_000, Fuel = long.MaxValue },
            Memory = definition.Memories.Count > 0 ? new MemoryInstance(definition.Memories[0], 65536) : null,
            Globals = [.. definition.Globals.Select(g => new GlobalInstance(g.Type, null))],
            DataSegments = [.. definition.Data.Select(d => definition.Bytes.Slice(d.DataOffset, d.DataLength).ToArray())],
            Module = compiled,
        };
        return new CompiledTestModule(compiled, instance);
    }

    public MethodInfo Method(string export)
    {
        var definition = Compiled.Definition;
        var index = definition.Exports.Single(e => e.Name == export && e.Kind == ExternKind.Function).Index;
        return Compiled.Methods[index - definition.ImportedFunctionCount];
    }

    /// <summary>Calls an exported function; a trap comes out as the <see cref="WasmTrapException"/> itself.</summary>
    public object? Call(string export, params object[] arguments)
    {
        try
        {
            return Method(export).Invoke(null, [.. arguments, Instance]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public TrapCode TrapOf(string export, params object[] arguments)
    {
        var act = () => Call(export, arguments);
        return act.Should().Throw<WasmTrapException>().Which.Code;
    }
}
