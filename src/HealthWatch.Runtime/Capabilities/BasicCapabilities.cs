using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Capabilities.Wasi;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// The built-in capabilities that need no network: <c>core</c> (the ABI's <i>always</i> imports, granted to every
/// run), <c>log</c>, <c>clock</c>, <c>random</c>, <c>env</c>, and <c>filesystem</c> and <c>sockets</c>, which exist so
/// that their WASI imports are refused by name, but cannot be granted (docs/probe-abi.md).
/// </summary>
internal static class BasicCapabilities
{
    /// <summary>The name of the capability every run has.</summary>
    public const string Core = "core";

    public static IEnumerable<ProbeCapability> Create() =>
    [
        new BuiltInCapability(Core, [.. CoreFunctions.Imports, .. WasiSystem.Always, .. WasiStdio.Always, WasiPoll.PollOneoff], alwaysGranted: true),
        new BuiltInCapability("log", [LogFunctions.Log, WasiStdio.FdWrite]),
        new BuiltInCapability("clock", [.. ClockFunctions.Imports, .. WasiSystem.Clocks]),
        new BuiltInCapability("random", [RandomFunctions.RandomFill, WasiSystem.RandomGet]),
        new BuiltInCapability(EnvFunctions.Capability, [EnvFunctions.EnvGet], parseGrant: EnvFunctions.ParseGrant),
        new BuiltInCapability("filesystem", WasiUnavailable.FileSystem, parseGrant: BuiltInCapability.NeverGranted("filesystem")),
        new BuiltInCapability("sockets", WasiUnavailable.Sockets, parseGrant: BuiltInCapability.NeverGranted("sockets")),
    ];
}
