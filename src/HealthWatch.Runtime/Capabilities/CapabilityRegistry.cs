using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// The capabilities a runtime knows, and which capability each host import belongs to. Register custom
/// capabilities before the runtime starts; a registry is read concurrently afterwards.
/// </summary>
public sealed class CapabilityRegistry
{
    private readonly Dictionary<string, ProbeCapability> _capabilities = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Module, string Name), (ProbeCapability Capability, HostImport Import)> _imports = [];

    /// <summary>
    /// How each module's imports bind against this registry (see <see cref="HostImportBinder"/>). Registering later
    /// cannot change a plan: a plan only exists once every import resolved, and an import resolved stays resolved.
    /// </summary>
    internal ConditionalWeakTable<IWasmModule, ImportPlan> ImportPlans { get; } = new();

    /// <summary>The registered capabilities.</summary>
    public IReadOnlyCollection<ProbeCapability> Capabilities => _capabilities.Values;

    /// <summary>A registry with the built-in capabilities.</summary>
    public static CapabilityRegistry CreateDefault()
    {
        var registry = new CapabilityRegistry();
        foreach (var capability in BuiltInCapabilities.Create())
        {
            registry.Register(capability);
        }

        return registry;
    }

    /// <summary>Adds a capability.</summary>
    /// <exception cref="ArgumentException">A capability of that name, or one of its imports, is already registered.</exception>
    public CapabilityRegistry Register(ProbeCapability capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        if (_capabilities.ContainsKey(capability.Name))
        {
            throw new ArgumentException($"A capability named '{capability.Name}' is already registered.", nameof(capability));
        }

        foreach (var import in capability.Imports)
        {
            if (_imports.TryGetValue((import.Module, import.Name), out var owner))
            {
                throw new ArgumentException($"Import {import.Module}.{import.Name} already belongs to capability '{owner.Capability.Name}'.", nameof(capability));
            }
        }

        _capabilities.Add(capability.Name, capability);
        foreach (var import in capability.Imports)
        {
            _imports.Add((import.Module, import.Name), (capability, import));
        }

        return this;
    }

    /// <summary>The capability named <paramref name="name"/>.</summary>
    public bool TryGetCapability(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProbeCapability? capability) =>
        _capabilities.TryGetValue(name, out capability);

    /// <summary>The capability and host import that provide <paramref name="module"/>.<paramref name="name"/>.</summary>
    public bool TryGetImport(
        string module,
        string name,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProbeCapability? capability,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostImport? import)
    {
        if (_imports.TryGetValue((module, name), out var found))
        {
            (capability, import) = found;
            return true;
        }

        (capability, import) = (null, null);
        return false;
    }
}
