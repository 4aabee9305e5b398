using System.Text.Json;
using HealthWatch.Runtime.Capabilities;

namespace HealthWatch.Runtime.Tests.Capabilities.Basic;

public sealed class BasicCapabilitiesTests
{
    [Test]
    public void Create_Registered_GivesEachImportOneCapability()
    {
        var registry = new CapabilityRegistry();

        foreach (var capability in BasicCapabilities.Create())
        {
            registry.Register(capability);
        }

        registry.Capabilities.Select(c => c.Name).Should().BeEquivalentTo("core", "log", "clock", "random", "env", "filesystem", "sockets");
        registry.Capabilities.Where(c => c.AlwaysGranted).Select(c => c.Name).Should().Equal("core");
        registry.Capabilities.Sum(c => c.Imports.Count).Should().Be(52, "7 healthwatch imports and the 45 functions of WASI preview1 but proc_raise");
    }

    [TestCase("core", "set_result")]
    [TestCase("core", "json_get")]
    [TestCase("log", "log")]
    [TestCase("clock", "clock_now_ms")]
    [TestCase("random", "random_fill")]
    [TestCase("env", "env_get")]
    public void Create_HealthWatchImport_BelongsToTheAbisCapability(string capability, string name)
    {
        Owner("healthwatch", name).Should().Be(capability);
    }

    [TestCase("core", "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "proc_exit", "fd_close", "fd_fdstat_get", "fd_seek", "poll_oneoff", "sched_yield")]
    [TestCase("log", "fd_write")]
    [TestCase("clock", "clock_time_get", "clock_res_get")]
    [TestCase("random", "random_get")]
    [TestCase("filesystem", "path_open", "fd_read", "fd_prestat_get", "fd_readdir", "fd_filestat_get", "fd_tell")]
    [TestCase("sockets", "sock_accept", "sock_recv", "sock_send", "sock_shutdown")]
    public void Create_WasiImport_BelongsToTheAbisCapability(string capability, params string[] names)
    {
        names.Select(n => Owner("wasi_snapshot_preview1", n)).Should().AllBe(capability);
    }

    [TestCase("filesystem")]
    [TestCase("sockets")]
    public void ParseGrant_CapabilityThatCannotBeGranted_ThrowsNamingIt(string name)
    {
        using var document = JsonDocument.Parse("{}");
        var capability = BasicCapabilities.Create().Single(c => c.Name == name);

        var parse = () => capability.ParseGrant(document.RootElement);

        parse.Should().Throw<ProbeConfigurationException>().WithMessage($"grants.{name}: cannot be granted in this version");
    }

    [TestCase("log")]
    [TestCase("clock")]
    [TestCase("random")]
    public void ParseGrant_CapabilityWithoutOptions_RejectsAnOption(string name)
    {
        using var document = JsonDocument.Parse("""{"level": 1}""");
        var capability = BasicCapabilities.Create().Single(c => c.Name == name);

        var parse = () => capability.ParseGrant(document.RootElement);

        parse.Should().Throw<ProbeConfigurationException>().WithMessage($"grants.{name}.level: is not a known option.");
    }

    private static string Owner(string module, string name) =>
        CapabilityTestBase.Registry.TryGetImport(module, name, out var capability, out _) ? capability.Name : "none";
}
