using System.Globalization;

namespace HealthWatch.Cli.CommandLine;

/// <summary>A command line after <see cref="ArgumentParser"/>: positionals in order, and the options given (each value, in order).</summary>
internal sealed class ParsedArguments(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, IReadOnlyList<string?>> options)
{
    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool HasOption(string name) => options.ContainsKey(name);

    /// <summary>The value of an option, or null when it is absent (or a flag).</summary>
    public string? GetString(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of a repeatable option, in command-line order; empty when it is absent.</summary>
    public IReadOnlyList<string> GetAll(string name) =>
        options.TryGetValue(name, out var values) ? [.. values.OfType<string>()] : [];

    /// <summary>The value of an integer option, or null when it is absent.</summary>
    /// <exception cref="CliException">The value is not a decimal integer in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public long? GetInt64(string name, long min, long max)
    {
        if (GetString(name) is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw CliException.Usage($"option '{name}' needs an integer from {min} to {max}, not '{text}'");
    }
}
