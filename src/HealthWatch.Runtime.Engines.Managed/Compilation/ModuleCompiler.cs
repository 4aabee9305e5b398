using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Interpretation;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Compiles a validated module: one collectible assembly with one static type holding a static method per
/// defined function, whose entry points (read from their method handles) calls go through; a DynamicMethod has no
/// such entry point, hence MethodBuilders.
/// </summary>
internal static class ModuleCompiler
{
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

        var created = type.CreateType();
        var byToken = created.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .ToDictionary(m => m.MetadataToken);
        var compiled = methods.Select(m => byToken[m.MetadataToken]).ToArray();

        // The entry points calli targets, the same ldftn gives. Not from a generated method doing ldftn for each: the
        // JIT compiling it, to run once, was about a tenth of a small module's load.
        var pointers = compiled.Select(m => m.MethodHandle.GetFunctionPointer()).ToArray();
        var interpreterPointers = trampolines.Select(t => t is null ? 0 : byToken[t.MetadataToken].MethodHandle.GetFunctionPointer()).ToArray();
        var maxFrameBytes = (int)Math.Min(int.MaxValue, (long)Math.Max(maxFrame, Interpreter.FrameBytes) * FrameSafetyFactor);
        return new CompiledModule(module, created.Module, pointers, interpreterPointers, compiled, maxFrameBytes,
            c => new FunctionTiers(c, settings, context.FunctionTypes, context.GlobalTypes));
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
