using System.Globalization;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Command line: <c>[DIR] [--file NAME]... [--engine NAME] [--jobs N] [--verbose]</c>.</summary>
internal sealed record RunnerArguments
{
    public const string Usage = "usage: HealthWatch.Runtime.Conformance [DIR] [--file NAME]... [--engine NAME] [--jobs N] [--verbose]";

    public string? Directory { get; init; }

    public IReadOnlyList<string> Files { get; init; } = [];

    public string? Engine { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public bool Verbose { get; init; }

    /// <exception cref="ArgumentException">The arguments don't follow <see cref="Usage"/>.</exception>
    public static RunnerArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new RunnerArguments();
        var files = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            result = args[i] switch
            {
                "--verbose" or "-v" => result with { Verbose = true },
                "--file" => result.AddTo(files, Value(args, ++i, "--file")),
                "--engine" => result with { Engine = Value(args, ++i, "--engine") },
                "--jobs" => result with { Jobs = ParseJobs(Value(args, ++i, "--jobs")) },
                var option when option.StartsWith('-') => throw new ArgumentException($"unknown option {option}"),
                var dir when result.Directory is null => result with { Directory = dir },
                var extra => throw new ArgumentException($"unexpected argument {extra}"),
            };
        }

        return result with { Files = files };
    }

    private RunnerArguments AddTo(List<string> files, string file)
    {
        files.Add(file.EndsWith(".wast", StringComparison.Ordinal) ? file[..^5] : file);
        return this;
    }

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{option} needs a value");

    private static int ParseJobs(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs > 0
            ? jobs
            : throw new ArgumentException($"--jobs needs a positive number, got {text}");
}
