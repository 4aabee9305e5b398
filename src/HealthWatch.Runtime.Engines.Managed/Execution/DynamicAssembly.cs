using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Creates the collectible assemblies that hold generated code.</summary>
internal static class DynamicAssembly
{
    private static readonly ConstructorInfo IgnoresAccessChecksTo =
        typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;

    private static readonly string EngineAssemblyName = typeof(DynamicAssembly).Assembly.GetName().Name!;

    /// <summary>
    /// A new collectible (RunAndCollect) assembly with one module, whose code may use the engine's internals.
    /// The code is reclaimed once nothing references the assembly, its types or their methods.
    /// </summary>
    public static ModuleBuilder DefineModule(string name)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(name), AssemblyBuilderAccess.RunAndCollect);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(IgnoresAccessChecksTo, [EngineAssemblyName]));
        return assembly.DefineDynamicModule(name);
    }
}
