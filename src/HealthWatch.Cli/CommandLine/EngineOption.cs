using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Wasmtime;

namespace HealthWatch.Cli.CommandLine;

/// <summary><c>--engine auto|managed|wasmtime</c>: which engine a command runs modules on.</summary>
internal static class EngineOption
{
    public const string Name = "--engine";

    public static OptionSpec Spec { get; } = new(Name, "auto|managed|wasmtime", "the engine; auto (the default) is wasmtime when libwasmtime loads, else managed");

    /// <summary>Creates the engine the option names; when the option is given, says on stderr which engine runs and why.</summary>
    /// <param name="arguments">The command's arguments.</param>
    /// <param name="stderr">Where to say which engine runs.</param>
    /// <param name="meterFuel">Whether the engine's code meters fuel: only a store with a fuel limit needs it, and it costs time.</param>
    /// <exception cref="CliException">The value is not an engine, or wasmtime was asked for and its library is missing.</exception>
    public static IWasmEngine Create(ParsedArguments arguments, TextWriter stderr, bool meterFuel = true)
    {
        var kind = Parse(arguments.GetString(Name));
        WasmEngineSelection selection;
        try
        {
            selection = WasmEngineFactory.Create(
                kind,
                WasmtimeEngineOptions.Default with { ConsumeFuel = meterFuel },
                ManagedEngineOptions.Default with { ConsumeFuel = meterFuel });
        }
        catch (DllNotFoundException e)
        {
            throw new CliException(ExitCodes.EngineUnavailable, e.Message);
        }

        if (arguments.HasOption(Name))
        {
            stderr.WriteLine($"engine: {selection.Engine.Name} ({selection.Reason})");
        }

        return selection.Engine;
    }

    /// <summary>The engine a value names; absent means auto.</summary>
    public static WasmEngineKind Parse(string? value) => value switch
    {
        null or "auto" => WasmEngineKind.Auto,
        "managed" => WasmEngineKind.Managed,
        "wasmtime" => WasmEngineKind.Wasmtime,
        _ => throw CliException.Usage($"option '{Name}' needs auto, managed or wasmtime, not '{value}'"),
    };
}
