using HealthWatch.Cli.CommandLine;

namespace HealthWatch.Cli.Commands;

/// <summary>A subcommand such as <c>invoke</c>. <see cref="CliApp"/> parses options, handles <c>--help</c> and reports errors.</summary>
internal interface ICommand
{
    /// <summary>The word that selects the command, e.g. <c>invoke</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>healthwatch --help</c>.</summary>
    string Summary { get; }

    /// <summary>The synopsis after <c>Usage: healthwatch</c>, e.g. <c>invoke &lt;module.wasm&gt; ...</c>.</summary>
    string Synopsis { get; }

    /// <summary>Paragraphs for <c>healthwatch NAME --help</c>, between the synopsis and the options.</summary>
    string Description { get; }

    /// <summary>The options the command accepts (<c>--help</c> is added by <see cref="CliApp"/>).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command. Expected failures are thrown (<see cref="CliException"/>, engine exceptions), not printed.</summary>
    /// <returns>The exit code.</returns>
    int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr);
}
