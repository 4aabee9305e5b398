// The runtime honours this attribute by name on dynamic assemblies: code generated into an assembly carrying
// it may use the named assembly's internal types and members. The BCL does not ship it, so it is declared here,
// once for the whole engine (Compilation/ and Execution/ both apply it through DynamicAssembly).
namespace System.Runtime.CompilerServices;

[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
