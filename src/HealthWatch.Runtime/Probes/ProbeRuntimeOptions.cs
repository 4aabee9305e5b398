using System.Globalization;

namespace HealthWatch.Runtime.Probes;

/// <summary>Settings of a <see cref="ProbeRuntime"/>. Immutable; use <c>with</c> to derive.</summary>
public sealed record ProbeRuntimeOptions
{
    /// <summary>The defaults.</summary>
    public static ProbeRuntimeOptions Default { get; } = new();

    /// <summary>The limits of a run that is given none.</summary>
    /// <value>The default value is <see cref="ProbeLimits.Default"/>.</value>
    public ProbeLimits DefaultLimits { get; init; } = ProbeLimits.Default;

    /// <summary>The most compiled modules the module cache keeps; the least recently used go first.</summary>
    /// <value>The default value is 256.</value>
    public int ModuleCacheMaxEntries { get; init; } = 256;

    /// <summary>The most module bytes (the size of the .wasm files) the module cache keeps.</summary>
    /// <value>The default value is 256 MiB.</value>
    public long ModuleCacheMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Throws if any setting is out of range; the message lists every problem.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = GetProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid probe runtime options: {string.Join(" ", problems)}");
        }
    }

    /// <summary>Every setting out of range, one sentence each.</summary>
    internal IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        if (DefaultLimits is null)
        {
            problems.Add("DefaultLimits must not be null.");
        }
        else
        {
            problems.AddRange(DefaultLimits.GetProblems().Select(p => $"DefaultLimits.{p.Field} {p.Problem}"));
        }

        if (ModuleCacheMaxEntries < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ModuleCacheMaxEntries must not be negative (was {ModuleCacheMaxEntries})."));
        }

        if (ModuleCacheMaxBytes < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ModuleCacheMaxBytes must not be negative (was {ModuleCacheMaxBytes})."));
        }

        return problems;
    }
}
