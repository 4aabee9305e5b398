using HealthWatch.Cli.Commands;
using HealthWatch.Cli.CommandLine;

namespace HealthWatch.Cli;

/// <summary>The <c>healthwatch</c> command line: dispatches to a subcommand and maps failures to exit codes.</summary>
internal static class CliApp
{
    /// <summary>Every subcommand, in help order. A new command is one class here.</summary>
    private static readonly ICommand[] Commands = [new RunCommand(), new InspectCommand(), new InvokeCommand(), new ServeCommand()];

    /// <summary>Runs the command line <paramref name="args"/>, writing to the given writers instead of the console.</summary>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        switch (args)
        {
            case []:
                stderr.Write(HelpText.ForApp(Commands));
                return ExitCodes.Usage;
            case ["--help" or "-h", ..]:
                stdout.Write(HelpText.ForApp(Commands));
                return ExitCodes.Success;
            case ["--version", ..]:
                stdout.WriteLine(HelpText.Version);
                return ExitCodes.Success;
        }

        var command = Array.Find(Commands, c => c.Name == args[0]);
        return command is null
            ? ErrorReporter.Report(CliException.Usage($"unknown command '{args[0]}'"), stderr, "healthwatch --help")
            : Execute(command, args[1..], stdout, stderr);
    }

    private static int Execute(ICommand command, string[] args, TextWriter stdout, TextWriter stderr)
    {
        OptionSpec[] options = [.. command.Options, OptionSpec.Help];
        try
        {
            var parsed = ArgumentParser.Parse(args, options);
            if (parsed.HasOption(OptionSpec.Help.Name))
            {
                stdout.Write(HelpText.ForCommand(command, options));
                return ExitCodes.Success;
            }

            return command.Run(parsed, stdout, stderr);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, stderr, $"healthwatch {command.Name} --help");
        }
    }
}
