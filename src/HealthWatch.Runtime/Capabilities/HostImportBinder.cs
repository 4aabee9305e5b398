using System.Diagnostics;
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

        var resolved = Resolve(module, registry, grants);
        var imports = new WasmImports();
        foreach (var (descriptor, hostImport) in resolved)
        {
            // A module may import the same function twice; one host function serves both.
            if (!imports.TryGet(descriptor.Module, descriptor.Name, out _))
            {
                var callback = Wrap(hostImport.Create(context), hostImport.Type, context);
                imports.Define(descriptor.Module, descriptor.Name, store.CreateFunction(hostImport.Type, callback));
            }
        }

        return imports;
    }

    private static List<(ImportDescriptor Descriptor, HostImport Import)> Resolve(IWasmModule module, CapabilityRegistry registry, ProbeGrants grants)
    {
        var resolved = new List<(ImportDescriptor, HostImport)>(module.Imports.Count);
        CapabilityNotGrantedException? refusal = null;
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

            if (!capability.AlwaysGranted && !grants.IsGranted(capability.Name))
            {
                refusal ??= new CapabilityNotGrantedException(capability.Name, $"{descriptor.Module}.{descriptor.Name}");
            }

            resolved.Add((descriptor, hostImport));
        }

        return refusal is null ? resolved : throw refusal;
    }

    /// <summary>
    /// Counts the call and its time, and enforces <see cref="ProbeLimits.MaxHostCalls"/>: past it a function
    /// returning i32 returns <see cref="ProbeErrorCodes.Limit"/> without running; any other fails the call (a
    /// <see cref="TrapCode.HostError"/> trap), since it has no way to report an error.
    /// </summary>
    private static HostFunctionCallback Wrap(HostFunctionCallback callback, FuncType type, ProbeContext context)
    {
        var returnsI32 = type.Results is [ValType.I32];
        return (arguments, results) =>
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
                callback(arguments, results);
            }
            finally
            {
                Interlocked.Add(ref context.HostCallTicks, Stopwatch.GetTimestamp() - start);
            }
        };
    }
}
