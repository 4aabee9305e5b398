using System.Text.Json;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// Something a probe may be granted: a named set of host imports with its own grant options. The built-in
/// capabilities are <c>http</c>, <c>dns</c>, <c>tcp</c>, <c>log</c>, <c>clock</c>, <c>random</c>, <c>env</c> and
/// <c>filesystem</c> and <c>sockets</c> (never granted in this version); hosts can register their own in a <see cref="CapabilityRegistry"/>.
/// </summary>
public abstract class ProbeCapability
{
    /// <summary>The capability's name, as written in grants (lower case).</summary>
    public abstract string Name { get; }

    /// <summary>The host imports this capability provides.</summary>
    public abstract IReadOnlyList<HostImport> Imports { get; }

    /// <summary>
    /// Whether every run has this capability without a grant (the ABI's <i>always</i> imports, e.g.
    /// <c>set_result</c>). Only built-in capabilities can be: a host's own capability is always granted explicitly.
    /// </summary>
    internal virtual bool AlwaysGranted => false;

    /// <summary>
    /// Turns the capability's grant JSON (e.g. <c>{"allow":["example.com"]}</c>) into its typed options, which
    /// <see cref="ProbeContext.GetGrant{T}"/> later returns. The default accepts only an empty object.
    /// </summary>
    /// <exception cref="ProbeConfigurationException">A field is unknown or has a bad value; the message names it.</exception>
    public virtual object ParseGrant(JsonElement grant)
    {
        if (grant.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.True))
        {
            throw new ProbeConfigurationException($"grants.{Name}", "must be an object.");
        }

        if (grant.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in grant.EnumerateObject())
            {
                throw new ProbeConfigurationException($"grants.{Name}.{property.Name}", "is not a known option.");
            }
        }

        return EmptyGrant.Instance;
    }
}

/// <summary>The options of a capability that has none.</summary>
public sealed class EmptyGrant
{
    private EmptyGrant()
    {
    }

    /// <summary>The one instance.</summary>
    public static EmptyGrant Instance { get; } = new();
}

/// <summary>One host function a capability provides.</summary>
/// <param name="Module">The import module name, e.g. <c>healthwatch</c>.</param>
/// <param name="Name">The import field name, e.g. <c>http_send</c>.</param>
/// <param name="Type">The function type the module must import it with.</param>
/// <param name="Create">Creates the function's implementation for one probe run.</param>
public sealed record HostImport(string Module, string Name, FuncType Type, Func<ProbeContext, HostFunctionCallback> Create)
{
    /// <summary>
    /// For a built-in import returning one i32: its body, which the binder calls directly, so a run does not
    /// create a callback for it (<see cref="Create"/> does the same through a callback).
    /// </summary>
    internal HostCall? Body { get; init; }
}
