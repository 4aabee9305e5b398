using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Basic;

namespace HealthWatch.Runtime.Tests.Capabilities.Wasi;

public sealed class WasiSystemTests : CapabilityTestBase
{
    private const int Fault = 21;
    private const int Inval = 28;

    [Test]
    public void Args_Always_AreEmpty()
    {
        var run = Start("wasi", GrantAll());
        run.Write(100, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

        run.CallI32("args_sizes_get", 100, 104).Should().Be(0);
        run.CallI32("args_get", 200, 300).Should().Be(0);

        run.ReadUInt32(100).Should().Be(0);
        run.ReadUInt32(104).Should().Be(0);
        run.CallI32("args_sizes_get", 65534, 104).Should().Be(Fault);
    }

    [Test]
    public void Environ_WithTheEnvGrant_ListsItsVariablesInOrder()
    {
        var grant = new EnvGrant(new Dictionary<string, string> { ["ZONE"] = "b", ["REGION"] = "eu-é" });
        var run = Start("wasi", GrantAll().Grant("env", grant));

        run.CallI32("environ_sizes_get", 100, 104).Should().Be(0);
        run.CallI32("environ_get", 200, 300).Should().Be(0);

        run.ReadUInt32(100).Should().Be(2);
        run.ReadUInt32(104).Should().Be(20);
        run.ReadUInt32(200).Should().Be(300);
        run.ReadUInt32(204).Should().Be(313);
        run.ReadString(300, 20).Should().Be("REGION=eu-é\0ZONE=b\0");
    }

    [Test]
    public void Environ_WithoutTheEnvGrant_IsEmpty()
    {
        var run = Start("wasi", new ProbeGrants().Grant("log").Grant("clock").Grant("random"));
        run.Write(100, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

        run.CallI32("environ_sizes_get", 100, 104).Should().Be(0);
        run.CallI32("environ_get", 200, 300).Should().Be(0);

        run.ReadUInt32(100).Should().Be(0);
        run.ReadUInt32(104).Should().Be(0);
    }

    [Test]
    public void EnvironGet_BufferOutsideMemory_ReturnsFault()
    {
        var run = Start("wasi", GrantAll().Grant("env", new EnvGrant(new Dictionary<string, string> { ["A"] = "1" })));

        run.CallI32("environ_get", 65534, 300).Should().Be(Fault);
        run.CallI32("environ_get", 200, 65533).Should().Be(Fault);
    }

    [Test]
    public void ClockTimeGet_Realtime_IsUnixNanoseconds()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("clock_time_get", 0, 1000L, 104).Should().Be(0);

        var now = DateTimeOffset.FromUnixTimeMilliseconds((long)(run.ReadUInt64(104) / 1_000_000));
        now.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public void ClockTimeGet_Monotonic_NeverGoesBack()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("clock_time_get", 1, 0L, 104).Should().Be(0);
        var first = run.ReadUInt64(104);
        Thread.Sleep(2);
        run.CallI32("clock_time_get", 1, 0L, 104).Should().Be(0);

        (run.ReadUInt64(104) - first).Should().BeGreaterThanOrEqualTo(1_000_000);
    }

    [Test]
    public void ClockTimeGet_OtherClockOrBadPointer_Fails()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("clock_time_get", 2, 0L, 104).Should().Be(Inval);
        run.CallI32("clock_time_get", 0, 0L, 65530).Should().Be(Fault);
    }

    [Test]
    public void ClockResGet_Clocks_ArePositive()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("clock_res_get", 0, 104).Should().Be(0);
        run.ReadUInt64(104).Should().Be(100);
        run.CallI32("clock_res_get", 1, 104).Should().Be(0);
        run.ReadUInt64(104).Should().BePositive();
        run.CallI32("clock_res_get", 3, 104).Should().Be(Inval);
    }

    [Test]
    public void RandomGet_Range_FillsIt()
    {
        var run = Start("wasi", GrantAll());

        run.CallI32("random_get", 100, 32).Should().Be(0);

        run.Bytes(100, 32).ToArray().Should().Contain(b => b != 0);
        run.CallI32("random_get", 65535, 2).Should().Be(Fault);
    }

    [Test]
    public void SchedYield_Called_Succeeds()
    {
        Start("wasi", GrantAll()).CallI32("sched_yield").Should().Be(0);
    }
}
