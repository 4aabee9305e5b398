namespace HealthWatch.Cli.CommandLine;

/// <summary>An option a command accepts: <c>--name VALUE</c>, or a flag when <paramref name="ValueName"/> is null.</summary>
/// <param name="Name">The option with its dashes, e.g. <c>--fuel</c>.</param>
/// <param name="ValueName">What the value is called in help, e.g. <c>N</c>; null for a flag.</param>
/// <param name="Description">One line for the help text.</param>
/// <param name="Repeatable">Whether the option may be given more than once (each value is kept, in order).</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Repeatable = false)
{
    public static OptionSpec Help { get; } = new("--help", null, "show this help");

    public bool IsFlag => ValueName is null;
}
