using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Wasi;

/// <summary>A real wasi-libc reactor (samples/probes/wasi-hello.c): printf through fd_write, json_get, set_result.</summary>
public sealed class WasiLibcProbeTests : CapabilityTestBase
{
    [Test]
    public void Probe_Printf_BecomesInformationLinesAndTheVerdictIsSet()
    {
        var run = Start("wasi-hello", new ProbeGrants().Grant("log"));
        const string Config = "{\"name\": \"HealthWatch\"}";

        run.Call("_initialize");
        var address = run.CallI32("hw_alloc", Config.Length);
        run.Write(address, Config);
        run.CallI32("hw_probe", address, Config.Length).Should().Be(0);

        run.Lines().Should().Equal(
            (ProbeLogLevel.Information, "hello, HealthWatch, from wasi-libc"),
            (ProbeLogLevel.Information, $"config was {Config.Length} bytes"));
        Encoding.UTF8.GetString(run.Context.Verdict!).Should().Contain("\"message\":\"said hello to HealthWatch\"");
    }

    [Test]
    public void Bind_WithoutTheLogGrant_RefusesTheProbe()
    {
        var start = () => Start("wasi-hello");

        start.Should().Throw<CapabilityNotGrantedException>().WithMessage("Capability not granted: log");
    }
}
