using HealthWatch.Runtime.Conformance.Json;
using HealthWatch.Runtime.Conformance.Values;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Actions, module loading and result construction for <see cref="SpecSession"/>.</summary>
internal sealed partial class SpecSession
{
    /// <summary>Runs a command's action. Runner-side problems throw <see cref="SpecDataException"/>; engine errors are returned.</summary>
    private Attempt<WasmValue[]> Perform(SpecCommand command)
    {
        var action = command.Action ?? throw new SpecDataException($"{command.Type} without an action");
        var instance = Resolve(action.Module);
        switch (action.Type)
        {
            case "invoke":
                var arguments = action.Args.Select(a => SpecValues.ParseArgument(a, _references)).ToArray();
                return Try(() =>
                {
                    var function = instance.GetExport(action.Field) as IWasmFunction
                        ?? throw new SpecDataException($"no function export \"{action.Field}\"");
                    var results = new WasmValue[function.FunctionType.Results.Count];
                    function.Invoke(arguments, results, _cancellation);
                    return results;
                });
            case "get":
                return Try(() =>
                {
                    var global = instance.GetExport(action.Field) as IWasmGlobal
                        ?? throw new SpecDataException($"no global export \"{action.Field}\"");
                    return new[] { global.Value };
                });
            default:
                throw new SpecDataException($"unknown action type \"{action.Type}\"");
        }
    }

    private IWasmInstance Resolve(string? name)
    {
        if (name is null)
        {
            return (_current ?? throw new SpecDataException("no module has been defined yet")).GetInstance(null);
        }

        return _named.TryGetValue(name, out var slot) ? slot.GetInstance(name) : throw new SpecDataException($"module {name} is not defined");
    }

    private IWasmModule LoadModule(SpecCommand command)
    {
        var file = command.Filename ?? throw new SpecDataException($"{command.Type} without a filename");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(_moduleDirectory, file));
        }
        catch (IOException e)
        {
            throw new SpecDataException($"cannot read {file}: {e.Message}", e);
        }

        var module = _engine.LoadModule(bytes, _cancellation);
        _modules.Add(module);
        return module;
    }

    private string Describe(Exception error) =>
        _cancellation.IsCancellationRequested ? $"{ErrorText.Describe(error)} (the {_timeout.TotalSeconds} s command timeout expired)" : ErrorText.Describe(error);

    // Every engine call goes through here: whatever it throws is the command's result, never a runner crash.
    private static Attempt<T> Try<T>(Func<T> call)
    {
        try
        {
            return new(call(), null);
        }
        catch (Exception e)
        {
            return new(default, e);
        }
    }

    private CommandResult Pass(SpecCommand command, string? note = null) => CommandResult.Pass(_file, command.Line, command.Type, note);

    private CommandResult Fail(SpecCommand command, string message) => CommandResult.Fail(_file, command.Line, command.Type, message);

    private CommandResult Skip(SpecCommand command, string reason) => CommandResult.Skip(_file, command.Line, command.Type, reason);

    private readonly record struct Attempt<T>(T? Value, Exception? Error);
}
