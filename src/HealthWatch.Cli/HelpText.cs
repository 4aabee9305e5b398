using System.Reflection;
using System.Text;
using HealthWatch.Cli.Commands;
using HealthWatch.Cli.CommandLine;

namespace HealthWatch.Cli;

/// <summary>The text of <c>--help</c> and <c>--version</c>.</summary>
internal static class HelpText
{
    public static string Version => $"healthwatch {VersionNumber}";

    /// <summary>The release number, e.g. <c>0.1.0</c>.</summary>
    public static string VersionNumber
    {
        get
        {
            var version = typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

            // The SDK appends "+<commit>" when it knows the source revision; users want the release number.
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    public static string ForApp(IReadOnlyList<ICommand> commands)
    {
        var width = commands.Max(c => c.Name.Length) + 4;
        var text = new StringBuilder()
            .AppendLine("healthwatch: runs WebAssembly health probes and modules with the HealthWatch managed engine.")
            .AppendLine()
            .AppendLine("Usage: healthwatch <command> [arguments] [options]")
            .AppendLine("       healthwatch --help | --version")
            .AppendLine()
            .AppendLine("Commands:");
        foreach (var command in commands)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).AppendLine(command.Summary);
        }

        return text
            .AppendLine()
            .AppendLine("Run 'healthwatch <command> --help' for a command's arguments and options.")
            .AppendLine()
            .AppendLine(ExitCodes.Describe())
            .ToString();
    }

    public static string ForCommand(ICommand command, IReadOnlyList<OptionSpec> options)
    {
        var labels = options.Select(Label).ToList();
        var width = labels.Max(l => l.Length) + 4;
        var text = new StringBuilder()
            .Append("Usage: healthwatch ").AppendLine(command.Synopsis)
            .AppendLine()
            .AppendLine(command.Description)
            .AppendLine()
            .AppendLine("Options:");
        for (var i = 0; i < options.Count; i++)
        {
            text.Append("  ").Append(labels[i].PadRight(width)).AppendLine(options[i].Description);
        }

        return text
            .AppendLine()
            .AppendLine(ExitCodes.Describe())
            .ToString();
    }

    private static string Label(OptionSpec option) =>
        option == OptionSpec.Help ? "-h, --help" : option.IsFlag ? option.Name : $"{option.Name} {option.ValueName}";
}
