using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>What the runtime keeps of an instance besides the fields generated code uses.</summary>
internal sealed partial class ModuleInstance
{
    /// <summary>The instance's compiled code. The functions' code pointers point into it, so it must stay reachable from here.</summary>
    internal CompiledModule? Module;
}
