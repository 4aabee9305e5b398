namespace HealthWatch.Runtime.Conformance;

/// <summary>How one counted command ended.</summary>
internal enum Outcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// The result of one command of a .wast file. <see cref="Message"/> says why it failed or was skipped;
/// <see cref="Note"/> is an informational remark on a pass (e.g. the engine's error text differs from the spec's).
/// </summary>
internal sealed record CommandResult(string File, int Line, string CommandType, Outcome Outcome, string? Message = null, string? Note = null)
{
    public static CommandResult Pass(string file, int line, string type, string? note = null) => new(file, line, type, Outcome.Passed, Note: note);

    public static CommandResult Fail(string file, int line, string type, string message) => new(file, line, type, Outcome.Failed, message);

    public static CommandResult Skip(string file, int line, string type, string reason) => new(file, line, type, Outcome.Skipped, reason);

    public override string ToString() =>
        $"{File}.wast:{Line} {CommandType}: {Outcome.ToString().ToUpperInvariant()}{(Message is null ? string.Empty : " " + Message)}{(Note is null ? string.Empty : " [note: " + Note + "]")}";
}

/// <summary>All command results of one .wast file, in command order.</summary>
internal sealed class FileResult(string name, IReadOnlyList<CommandResult> commands)
{
    public string Name { get; } = name;

    public IReadOnlyList<CommandResult> Commands { get; } = commands;

    public int Passed => Commands.Count(c => c.Outcome == Outcome.Passed);

    public int Failed => Commands.Count(c => c.Outcome == Outcome.Failed);

    public int Skipped => Commands.Count(c => c.Outcome == Outcome.Skipped);

    public IEnumerable<CommandResult> Failures => Commands.Where(c => c.Outcome == Outcome.Failed);
}
