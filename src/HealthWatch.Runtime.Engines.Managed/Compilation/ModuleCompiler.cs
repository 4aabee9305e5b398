using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Interpretation;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Compiles a validated module: one collectible assembly with one static type holding a static method per
/// defined function, plus a method that returns their entry points (<c>ldftn</c> cannot target a DynamicMethod,
/// hence MethodBuilders).
/// </summary>
internal static class ModuleCompiler
{
    private const string PointersMethodName = "FunctionPointers";

    /// <summary>Covers JIT frame layout we do not model (callee-saved registers, outgoing arguments, alignment).</summary>
    private const int FrameSafetyFactor = 2;

    private static readonly MethodInfo CallInterpreter =
        typeof(Interpreter).GetMethod(nameof(Interpreter.CallFromWasm), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static long s_moduleCount;

    public static CompiledModule Compile(ModuleDefinition module, CompilerSettings settings, CancellationToken ct = default)
    {
        var assemblyName = $"HealthWatch.Wasm.Module{Interlocked.Increment(ref s_moduleCount)}";
        var type = DynamicAssembly.DefineModule(assemblyName)
            .DefineType("Functions", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);

        var methods = new MethodBuilder[module.FunctionTypeIndices.Count];
        for (var i = 0; i < methods.Length; i++)
        {
            var funcType = module.Types[module.FunctionTypeIndices[i]];
            methods[i] = type.DefineMethod(
                MethodName(module, module.ImportedFunctionCount + i),
                MethodAttributes.Public | MethodAttributes.Static,
                ClrTypes.ReturnType(funcType.Results),
                ClrTypes.ParameterTypes(funcType));

            // Straight to optimised code: tier-0 code would call every helper instead of inlining it, and a loop
            // entered with values on the CIL stack cannot be promoted by on-stack replacement, so a long-running
            // call could stay in tier 0 for good.
            methods[i].SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        }

        var context = new ModuleContext(module, settings, type, methods);
        var maxFrame = 0;
        for (var i = 0; i < methods.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            maxFrame = Math.Max(maxFrame, FunctionCompiler.Compile(context, i, methods[i]));
        }

        // The interpreter's entry for each type the module defines functions of (docs/managed-engine.md, "Tiers"):
        // here rather than per engine, so that instantiating generates no code.
        var trampolines = new MethodBuilder?[module.Types.Count];
        if (settings.Tiering != ManagedTiering.CompiledOnly)
        {
            foreach (var typeIndex in module.FunctionTypeIndices)
            {
                trampolines[typeIndex] ??= Signatures.DefineTrampoline(type, module.Types[typeIndex], $"Interpret{typeIndex}", CallInterpreter);
            }
        }

        DefinePointersMethod(type, [.. methods, .. trampolines.OfType<MethodBuilder>()]);
        var created = type.CreateType();
        var allPointers = (nint[])created.GetMethod(PointersMethodName)!.Invoke(null, null)!;
        var pointers = allPointers[..methods.Length];
        var interpreterPointers = new nint[trampolines.Length];
        for (int t = 0, next = methods.Length; t < trampolines.Length; t++)
        {
            interpreterPointers[t] = trampolines[t] is null ? 0 : allPointers[next++];
        }

        var byToken = created.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .ToDictionary(m => m.MetadataToken);
        var compiled = methods.Select(m => byToken[m.MetadataToken]).ToArray();
        var maxFrameBytes = (int)Math.Min(int.MaxValue, (long)Math.Max(maxFrame, Interpreter.FrameBytes) * FrameSafetyFactor);
        return new CompiledModule(module, created.Module, pointers, interpreterPointers, compiled, maxFrameBytes,
            c => new FunctionTiers(c, settings, context.FunctionTypes, context.GlobalTypes));
    }

    /// <summary><c>static nint[] FunctionPointers()</c>: the <c>ldftn</c> of every method given, in order.</summary>
    private static void DefinePointersMethod(TypeBuilder type, MethodBuilder[] methods)
    {
        var il = type.DefineMethod(PointersMethodName, MethodAttributes.Public | MethodAttributes.Static, typeof(nint[]), Type.EmptyTypes)
            .GetILGenerator();
        il.LoadConstant(methods.Length);
        il.Emit(OpCodes.Newarr, typeof(nint));
        for (var i = 0; i < methods.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.LoadConstant(i);
            il.Emit(OpCodes.Ldftn, methods[i]);
            il.Emit(OpCodes.Stelem_I);
        }

        il.Emit(OpCodes.Ret);
    }

    /// <summary><c>f12</c>, or <c>f12_name</c> with the name from the name section or an export, reduced to identifier characters.</summary>
    private static string MethodName(ModuleDefinition module, int functionIndex)
    {
        var name = module.Names.FunctionNames.GetValueOrDefault(functionIndex)
            ?? module.Exports.FirstOrDefault(e => e.Kind == ExternKind.Function && e.Index == functionIndex)?.Name;
        var prefix = $"f{functionIndex}";
        if (string.IsNullOrEmpty(name))
        {
            return prefix;
        }

        var readable = new string([.. name.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return $"{prefix}_{readable}";
    }
}
