using HealthWatch.Runtime.Engines.Wasmtime;
using Microsoft.Extensions.Options;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>Checks every setting at once, so start-up fails with one message listing all problems.</summary>
internal sealed class WasmProbeRuntimeOptionsValidator : IValidateOptions<WasmProbeRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, WasmProbeRuntimeOptions options)
    {
        var problems = options.ToRuntimeOptions().GetProblems().Concat(options.GetEngineProblems()).ToList();

        // Asked for explicitly, a missing libwasmtime fails start-up here rather than the first probe.
        if (options.Engine == WasmEngineKind.Wasmtime && !WasmtimeEngine.IsAvailable(out var reason))
        {
            problems.Add($"Engine is Wasmtime, but {reason}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
