using System.Diagnostics;
using HealthWatch.Runtime.Conformance.Json;

namespace HealthWatch.Runtime.Conformance;

/// <summary>
/// Results of a file as the worker thread produces them, shared with the watchdog that may close the file early.
/// After <see cref="Close"/> the worker's late results are dropped, so a result list never changes once returned.
/// </summary>
internal sealed class RunProgress(string file, IReadOnlyList<SpecCommand> commands)
{
    private readonly Lock _gate = new();
    private readonly List<CommandResult> _results = [];
    private readonly List<CommandResult> _cleanup = [];
    private long _stepStartedAt = Stopwatch.GetTimestamp();
    private bool _closed;

    /// <summary>How long the current step (a command, setup or cleanup) has been running.</summary>
    public TimeSpan StepAge => Stopwatch.GetElapsedTime(Volatile.Read(ref _stepStartedAt));

    /// <summary>The line of the command the worker is on, or 0 outside the commands.</summary>
    public int CurrentLine
    {
        get
        {
            lock (_gate)
            {
                return _results.Count < commands.Count ? commands[_results.Count].Line : 0;
            }
        }
    }

    public void BeginStep() => Volatile.Write(ref _stepStartedAt, Stopwatch.GetTimestamp());

    /// <summary>Records the result of the next command.</summary>
    /// <returns>False when the file was closed meanwhile: the worker should stop.</returns>
    public bool Record(CommandResult result)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _results.Add(result);
            }

            return !_closed;
        }
    }

    /// <summary>Records a failure outside the commands (tearing the store down).</summary>
    public void RecordCleanup(CommandResult result)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _cleanup.Add(result);
            }
        }
    }

    /// <summary>
    /// Ends the file. With <paramref name="reason"/>, every command without a result fails with it (text-format
    /// commands stay skipped: they never run anyway), so nothing that was not checked counts as passed.
    /// </summary>
    public FileResult Close(string? reason = null)
    {
        lock (_gate)
        {
            _closed = true;
            for (var i = _results.Count; reason is not null && i < commands.Count; i++)
            {
                var command = commands[i];
                _results.Add(SpecSession.SkipReason(command) is { } skip
                    ? CommandResult.Skip(file, command.Line, command.Type, skip)
                    : CommandResult.Fail(file, command.Line, command.Type, reason));
            }

            return new FileResult(file, [.. _results, .. _cleanup]);
        }
    }
}
