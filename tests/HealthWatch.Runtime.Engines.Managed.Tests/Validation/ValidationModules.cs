using HealthWatch.Runtime.Engines.Managed.Decoding;
using HealthWatch.Runtime.Engines.Managed.Model;
using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Validation;

/// <summary>Loads the modules under Modules/Validation (built from the .wat beside them with wat2wasm).</summary>
internal static class ValidationModules
{
    public static ModuleDefinition Decode(string name) =>
        ModuleDecoder.Decode(File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Modules", "Validation", name + ".wasm")));

    public static Action Validating(string name)
    {
        var module = Decode(name);
        return () => ModuleValidator.Validate(module);
    }
}
