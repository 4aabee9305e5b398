using Microsoft.Extensions.Options;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>Checks every setting at once, so start-up fails with one message listing all problems.</summary>
internal sealed class WasmProbeRuntimeOptionsValidator : IValidateOptions<WasmProbeRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, WasmProbeRuntimeOptions options)
    {
        var problems = options.ToRuntimeOptions().GetProblems().Concat(options.GetEngineProblems()).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
