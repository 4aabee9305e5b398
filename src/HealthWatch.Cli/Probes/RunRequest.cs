using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Probes;

/// <summary>What one <c>healthwatch run</c> runs: the module, its config, its grants and its limits.</summary>
internal sealed record RunRequest(string ModulePath, string? ConfigJson, ProbeGrants Grants, ProbeLimits Limits)
{
    /// <summary>Reads a manifest file; an unreadable file is a configuration error, like a malformed one.</summary>
    /// <exception cref="ProbeConfigurationException">The manifest is malformed.</exception>
    /// <exception cref="CliException">The file cannot be read.</exception>
    public static ProbeManifest LoadManifest(string path, CapabilityRegistry capabilities)
    {
        try
        {
            return ProbeManifest.Load(path, capabilities);
        }
        catch (Exception e) when (ModuleFile.IsFileError(e))
        {
            throw CliException.BadConfiguration($"cannot read manifest '{path}': {e.Message}");
        }
    }

    /// <summary>The value of <c>--config</c>: JSON text, or <c>@path</c> of a file holding it.</summary>
    /// <exception cref="CliException">The file cannot be read.</exception>
    public static string ReadConfig(string value)
    {
        if (!value.StartsWith('@'))
        {
            return value;
        }

        var path = value[1..];
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (ModuleFile.IsFileError(e))
        {
            throw CliException.BadConfiguration($"cannot read config file '{path}': {e.Message}");
        }
    }
}
