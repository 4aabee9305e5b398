namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>
/// The options of the <c>env</c> capability: the only variables a probe can read (through <c>env_get</c> and WASI
/// <c>environ_get</c>). The process environment is never visible to probes. Grant JSON: <c>{"vars": {"NAME": "value"}}</c>.
/// </summary>
public sealed class EnvGrant
{
    /// <summary>Creates the options.</summary>
    /// <param name="variables">Names (non-empty, without <c>=</c> or NUL, compared ordinally) and their values (without NUL).</param>
    /// <exception cref="ArgumentException">A name or value cannot be an environment variable.</exception>
    public EnvGrant(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(variables));
            if (Check(name, value) is { } problem)
            {
                throw new ArgumentException($"Environment variable '{name}' {problem}", nameof(variables));
            }

            copy.Add(name, value);
        }

        Variables = copy;
    }

    /// <summary>The variables, by name.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>
    /// Why a name and value cannot be a variable, or null if they can. WASI hands variables to the guest as
    /// NUL-terminated <c>NAME=value</c> strings, so neither may hold a NUL and the name no <c>=</c>.
    /// </summary>
    internal static string? Check(string name, string value) =>
        name.Length == 0 ? "has an empty name."
        : name.Contains('=', StringComparison.Ordinal) ? "has '=' in its name."
        : name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal) ? "contains a NUL character."
        : null;
}
