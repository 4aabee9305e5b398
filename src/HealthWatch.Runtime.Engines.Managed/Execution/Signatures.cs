using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Calls the function at <paramref name="code"/> (with <paramref name="context"/>) from the host.</summary>
internal delegate void EntryStub(nint code, object context, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);

/// <summary>The generated code for one function type: the entry stub and the host trampoline.</summary>
/// <param name="Entry">Calls a function of this type from the host.</param>
/// <param name="Trampoline">
/// <c>static R t(P..., object ctx)</c>: a function of this type that calls the <see cref="HostFunction"/> passed as <c>ctx</c>.
/// Holding it keeps its collectible assembly alive.
/// </param>
internal sealed record SignatureCode(EntryStub Entry, MethodInfo Trampoline)
{
    public nint TrampolinePointer { get; } = Trampoline.MethodHandle.GetFunctionPointer();
}

/// <summary>
/// Generates and caches (per engine) the <see cref="SignatureCode"/> of each function type. Each is a collectible
/// assembly, so the cache is bounded: past <see cref="Capacity"/> distinct types it starts over, and code that no
/// host function or call holds any more is collected. Without the bound, an engine loading modules with ever new
/// function types (a sidecar serving arbitrary modules) grew by an assembly per type until the process ran out of
/// memory mappings (found by eng/fuzz-diff.sh, which runs thousands of modules in one process).
/// </summary>
/// <param name="capacity">The most function types cached at once.</param>
internal sealed class Signatures(int capacity = Signatures.DefaultCapacity)
{
    /// <summary>Far more distinct function types than the modules of one host use.</summary>
    public const int DefaultCapacity = 1024;

    private static readonly MethodInfo SpanItem = typeof(ReadOnlySpan<WasmValue>).GetMethod("get_Item")!;
    private static readonly MethodInfo ResultSpanItem = typeof(Span<WasmValue>).GetMethod("get_Item")!;
    private static readonly MethodInfo CallHost = typeof(HostFunction).GetMethod(nameof(HostFunction.CallFromWasm), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<FuncType, Lazy<SignatureCode>> _cache = new();
    private int _count;

    public int Capacity { get; } = capacity;

    /// <summary>How many function types are cached now.</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// The code of <paramref name="type"/>. A caller that needs it beyond the call it makes (a host function) holds
    /// the result: the cache may drop it, and would then generate another copy for the next caller.
    /// </summary>
    public SignatureCode Get(FuncType type)
    {
        if (_cache.TryGetValue(type, out var cached))
        {
            return cached.Value;
        }

        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        // The factory takes this object as its argument rather than capturing it, so that a lookup allocates nothing.
        return _cache.GetOrAdd(type, static (t, self) => new Lazy<SignatureCode>(() => self.Generate(t)), this).Value;
    }

    private SignatureCode Generate(FuncType type)
    {
        var name = $"HealthWatch.Signature{Interlocked.Increment(ref _count)}";
        var module = DynamicAssembly.DefineModule(name);
        var builder = module.DefineType("Signature", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        EmitEntry(builder, type);
        DefineTrampoline(builder, type, "Trampoline", CallHost);
        var created = builder.CreateType();
        var entry = created.GetMethod("Entry")!.CreateDelegate<EntryStub>();
        return new SignatureCode(entry, created.GetMethod("Trampoline")!);
    }

    private static void EmitEntry(TypeBuilder builder, FuncType type)
    {
        var method = builder.DefineMethod("Entry", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
            [typeof(nint), typeof(object), typeof(ReadOnlySpan<WasmValue>), typeof(Span<WasmValue>)]);
        var il = method.GetILGenerator();
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            il.Emit(OpCodes.Ldarga_S, (byte)2);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Call, SpanItem);
            il.Emit(OpCodes.Call, ValueMarshal.To(type.Parameters[i]));
        }

        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_0);
        var returnType = ClrTypes.ReturnType(type.Results);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, ClrTypes.ParameterTypes(type), null);

        // Spill the results, then store each through the span.
        var temps = ClrTypes.EmitSpillResults(il, type.Results);
        for (var i = 0; i < temps.Length; i++)
        {
            il.Emit(OpCodes.Ldarga_S, (byte)3);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Call, ResultSpanItem);
            il.Emit(OpCodes.Ldloc, temps[i]);
            il.Emit(OpCodes.Call, ValueMarshal.From(type.Results[i]));
            il.Emit(OpCodes.Stobj, typeof(WasmValue));
        }

        il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// Defines <c>static R name(P..., object ctx)</c> in <paramref name="builder"/>: packs the arguments, calls
    /// <c>WasmValue[] target(object ctx, WasmValue[] arguments)</c>, unpacks its results. The host trampoline here;
    /// the interpreter's in each module (<see cref="Compilation.ModuleCompiler"/>).
    /// </summary>
    public static MethodBuilder DefineTrampoline(TypeBuilder builder, FuncType type, string name, MethodInfo target)
    {
        var returnType = ClrTypes.ReturnType(type.Results);
        var parameters = ClrTypes.ParameterTypes(type);
        var method = builder.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static, returnType, parameters);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg, (short)type.Parameters.Count);
        il.Emit(OpCodes.Ldc_I4, type.Parameters.Count);
        il.Emit(OpCodes.Newarr, typeof(WasmValue));
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(WasmValue));
            il.Emit(OpCodes.Ldarg, (short)i);
            il.Emit(OpCodes.Call, ValueMarshal.From(type.Parameters[i]));
            il.Emit(OpCodes.Stobj, typeof(WasmValue));
        }

        il.Emit(OpCodes.Call, target);
        if (type.Results.Count == 0)
        {
            il.Emit(OpCodes.Pop);
            il.Emit(OpCodes.Ret);
            return method;
        }

        var results = il.DeclareLocal(typeof(WasmValue[]));
        il.Emit(OpCodes.Stloc, results);
        for (var i = 0; i < type.Results.Count; i++)
        {
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(WasmValue));
            il.Emit(OpCodes.Call, ValueMarshal.To(type.Results[i]));
        }

        if (type.Results.Count > 1)
        {
            ClrTypes.EmitPackTuple(il, returnType);
        }

        il.Emit(OpCodes.Ret);
        return method;
    }
}
