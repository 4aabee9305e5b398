using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>A built-in capability: a name, its imports, and how its grant JSON is read.</summary>
/// <param name="name">The name grants use.</param>
/// <param name="imports">The host imports it provides.</param>
/// <param name="alwaysGranted">Whether every run has it without a grant (the ABI's <i>always</i> imports).</param>
/// <param name="parseGrant">Reads its grant JSON; null for <see cref="ProbeCapability.ParseGrant"/>'s default (no options).</param>
internal sealed class BuiltInCapability(
    string name,
    IReadOnlyList<HostImport> imports,
    bool alwaysGranted = false,
    Func<JsonElement, object>? parseGrant = null) : ProbeCapability
{
    public override string Name => name;

    public override IReadOnlyList<HostImport> Imports => imports;

    internal override bool AlwaysGranted => alwaysGranted;

    public override object ParseGrant(JsonElement grant) => parseGrant is null ? base.ParseGrant(grant) : parseGrant(grant);

    /// <summary>A grant parser for a capability that exists (so its imports are recognised) but cannot be granted.</summary>
    public static Func<JsonElement, object> NeverGranted(string name) =>
        _ => throw new ProbeConfigurationException($"grants.{name}", "cannot be granted in this version");
}
