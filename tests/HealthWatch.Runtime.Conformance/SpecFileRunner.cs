using HealthWatch.Runtime.Conformance.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Runs one converted .wast file against an engine and returns one result per command.</summary>
internal static class SpecFileRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="engine">The engine under test; only a fresh store of it is used, so it can be shared across files.</param>
    /// <param name="directory">The suite's root folder (holding <c>&lt;name&gt;/&lt;name&gt;.json</c>).</param>
    /// <param name="name">The file's name, e.g. <c>i32</c>.</param>
    /// <param name="options">Time limits; <see cref="RunnerOptions.Default"/> when null.</param>
    public static FileResult Run(IWasmEngine engine, string directory, string name, RunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= RunnerOptions.Default;
        SpecScript script;
        try
        {
            script = SpecScriptLoader.Load(directory, name);
        }
        catch (SpecDataException e)
        {
            return new FileResult(name, [CommandResult.Fail(name, 0, "script", e.Message)]);
        }

        // The commands run on a worker so that an engine that ignores cancellation costs this file, not the run.
        var progress = new RunProgress(name, script.Commands);
        string? crash = null;
        var worker = new Thread(() => crash = RunCommands(engine, Path.Combine(directory, name), name, script, options, progress))
        {
            IsBackground = true,
            Name = $"spec {name}",
        };
        worker.Start();
        while (!worker.Join(PollInterval))
        {
            if (progress.StepAge > options.HangLimit)
            {
                return progress.Close(
                    $"abandoned: line {progress.CurrentLine} ran for {options.HangLimit.TotalSeconds} s although it was cancelled after {options.CommandTimeout.TotalSeconds} s");
            }
        }

        return progress.Close(crash);
    }

    /// <returns>Null, or why the commands without a result failed.</returns>
    private static string? RunCommands(IWasmEngine engine, string moduleDirectory, string name, SpecScript script, RunnerOptions options, RunProgress progress)
    {
        SpecSession session;
        try
        {
            session = new SpecSession(engine, moduleDirectory, name, options.CommandTimeout);
        }
        catch (Exception e)
        {
            return $"not run: creating the store and spectest failed: {ErrorText.Describe(e)}";
        }

        try
        {
            foreach (var command in script.Commands)
            {
                progress.BeginStep();
                if (!progress.Record(session.Execute(command)))
                {
                    return null;
                }
            }
        }
        catch (Exception e)
        {
            return $"not run: runner error {e}";
        }
        finally
        {
            progress.BeginStep();
            try
            {
                session.Dispose();
            }
            catch (Exception e)
            {
                progress.RecordCleanup(CommandResult.Fail(name, 0, "cleanup", $"disposing the store or a module failed: {ErrorText.Describe(e)}"));
            }
        }

        return null;
    }
}
