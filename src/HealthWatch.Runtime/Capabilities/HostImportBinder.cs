using System.Diagnostics;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// Resolves a module's imports against the capability registry and the run's grants, then creates this run's host
/// functions. Every import is checked before anything is created, so a refused module never runs.
/// </summary>
/// <remarks>
/// Failures, in this order:
/// <list type="bullet">
/// <item>an import no capability provides, or a table, memory or global import: <see cref="WasmLinkException"/>
/// with reason <c>unknown import</c>;</item>
/// <item>a function import of another type than the capability's: <see cref="WasmLinkException"/> with reason
/// <c>incompatible import type</c>;</item>
/// <item>an import of a capability that is not granted: <see cref="CapabilityNotGrantedException"/> (the first such
/// import in declaration order).</item>
/// </list>
/// Link errors come first because no grant could make such a module run: it breaks the ABI (see docs/probe-abi.md).
/// </remarks>
internal static class HostImportBinder
{
    /// <summary>Checks every import of <paramref name="module"/>, then creates a host function per import in <paramref name="store"/>.</summary>
    /// <exception cref="WasmLinkException">An import is unknown or has the wrong type.</exception>
    /// <exception cref="CapabilityNotGrantedException">An import belongs to a capability that is not granted.</exception>
    public static WasmImports Bind(IWasmModule module, CapabilityRegistry registry, ProbeGrants grants, ProbeContext context, IWasmStore store)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);

        var plan = registry.ImportPlans.TryGetValue(module, out var cached) ? cached : AddPlan(module, registry);
        foreach (var (capability, import) in plan.Gates)
        {
            if (!grants.IsGranted(capability))
            {
                throw new CapabilityNotGrantedException(capability, import);
            }
        }

        var imports = new WasmImports();
        foreach (var hostImport in plan.Functions)
        {
            var call = hostImport.Body is { } body
                ? new MeteredHostCall(null, body, returnsI32: true, context)
                : new MeteredHostCall(hostImport.Create(context), null, hostImport.Type.Results is [ValType.I32], context);
            imports.Define(hostImport.Module, hostImport.Name, store.CreateFunction(hostImport.Type, call.Invoke));
        }

        return imports;
    }

    private static ImportPlan AddPlan(IWasmModule module, CapabilityRegistry registry) =>
        registry.ImportPlans.GetValue(module, m => Plan(m, registry));

    /// <summary>Resolves the imports once per module and registry; a module that cannot link throws (and is not cached).</summary>
    private static ImportPlan Plan(IWasmModule module, CapabilityRegistry registry)
    {
        var functions = new List<HostImport>(module.Imports.Count);
        var gates = new List<(string Capability, string Import)>();
        foreach (var descriptor in module.Imports)
        {
            if (descriptor.Type is not FuncType type || !registry.TryGetImport(descriptor.Module, descriptor.Name, out var capability, out var hostImport))
            {
                throw new WasmLinkException(descriptor.Module, descriptor.Name, "unknown import");
            }

            if (!type.Equals(hostImport.Type))
            {
                throw new WasmLinkException(descriptor.Module, descriptor.Name, "incompatible import type");
            }

            if (!capability.AlwaysGranted && !gates.Exists(g => g.Capability == capability.Name))
            {
                gates.Add((capability.Name, $"{descriptor.Module}.{descriptor.Name}"));
            }

            // A module may import the same function twice; one host function serves both.
            if (!functions.Contains(hostImport))
            {
                functions.Add(hostImport);
            }
        }

        return new ImportPlan([.. functions], [.. gates]);
    }

    /// <summary>
    /// Counts the call and its time, and enforces <see cref="ProbeLimits.MaxHostCalls"/>: past it a function
    /// returning i32 returns <see cref="ProbeErrorCodes.Limit"/> without running; any other fails the call (a
    /// <see cref="TrapCode.HostError"/> trap), since it has no way to report an error.
    /// </summary>
    /// <remarks>Calls <paramref name="body"/> when set (a built-in import returning i32), else <paramref name="callback"/>.</remarks>
    private sealed class MeteredHostCall(HostFunctionCallback? callback, HostCall? body, bool returnsI32, ProbeContext context)
    {
        public void Invoke(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results)
        {
            var calls = Interlocked.Increment(ref context.HostCalls);
            var max = context.Limits.MaxHostCalls;
            if (calls > max)
            {
                if (calls == max + 1)
                {
                    context.Log(ProbeLogLevel.Debug, $"host call limit reached: the probe may make {max} host calls; later calls fail with HW_ELIMIT");
                }

                if (returnsI32)
                {
                    results[0] = ProbeErrorCodes.Limit;
                    return;
                }

                throw new HostCallLimitException(max);
            }

            var start = Stopwatch.GetTimestamp();
            try
            {
                if (body is not null)
                {
                    results[0] = body(context, arguments);
                }
                else
                {
                    callback!(arguments, results);
                }
            }
            finally
            {
                Interlocked.Add(ref context.HostCallTicks, Stopwatch.GetTimestamp() - start);
            }
        }
    }
}

/// <summary>
/// What binding a module needs, worked out once per module and registry: the host functions to create (one per
/// distinct import, in import order) and the capabilities that must be granted, each with its first import.
/// </summary>
internal sealed record ImportPlan(HostImport[] Functions, (string Capability, string Import)[] Gates);
