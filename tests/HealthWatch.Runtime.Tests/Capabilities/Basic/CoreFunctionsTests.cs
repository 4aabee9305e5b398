using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Basic;

public sealed class CoreFunctionsTests : CapabilityTestBase
{
    private const int OutsideMemory = 65536 - 4;

    [Test]
    public void SetResult_Called_CopiesTheVerdict()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(100, "{\"success\":true}");

        run.CallI32("set_result", 100, 16).Should().Be(0);
        run.Write(100, "overwritten.....");

        Encoding.UTF8.GetString(run.Context.Verdict!).Should().Be("{\"success\":true}");
    }

    [Test]
    public void SetResult_CalledTwice_KeepsTheLast()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "firstsecond");

        run.CallI32("set_result", 0, 5);
        run.CallI32("set_result", 5, 6);

        Encoding.UTF8.GetString(run.Context.Verdict!).Should().Be("second");
    }

    [Test]
    public void SetResult_EmptyRange_KeepsAnEmptyVerdict()
    {
        var run = Start("healthwatch", GrantAll());

        run.CallI32("set_result", 0, 0).Should().Be(0);

        run.Context.Verdict.Should().BeEmpty();
    }

    [TestCase(OutsideMemory, 8)]
    [TestCase(-1, 4)]
    [TestCase(0, -1)]
    [TestCase(int.MaxValue, 1)]
    public void SetResult_RangeOutsideMemory_ReturnsInvalidArgumentAndLogsWhy(int address, int length)
    {
        var run = Start("healthwatch", GrantAll());

        run.CallI32("set_result", address, length).Should().Be(ProbeErrorCodes.InvalidArgument);

        run.Context.Verdict.Should().BeNull();
        run.Logs.Should().ContainSingle(l => l.Level == ProbeLogLevel.Debug && l.Message.StartsWith("set_result: ", StringComparison.Ordinal));
    }

    [Test]
    public void SetResult_LargerThanOneMebibyte_ReturnsTooLarge()
    {
        var run = Start("healthwatch", GrantAll());
        run.Instance.GetMemory("memory")!.Grow(17);

        run.CallI32("set_result", 0, CoreFunctions.MaxVerdictBytes + 1).Should().Be(ProbeErrorCodes.TooLarge);
        run.CallI32("set_result", 0, CoreFunctions.MaxVerdictBytes).Should().Be(0);

        run.Context.Verdict.Should().HaveCount(CoreFunctions.MaxVerdictBytes);
    }

    [Test]
    public void JsonGet_ExistingPath_WritesTheValueAndReturnsItsLength()
    {
        var run = Start("healthwatch", GrantAll());
        var json = "{\"data\": {\"items\": [{\"name\": \"a\\\"b\"}]}}";
        run.Write(0, json);
        run.Write(1000, "data.items[0].name");

        run.CallI32("json_get", 0, json.Length, 1000, 18, 2000, 100).Should().Be(6);

        run.ReadString(2000, 6).Should().Be("\"a\\\"b\"");
    }

    [Test]
    public void JsonGet_BufferTooSmall_WritesWhatFitsAndReturnsTheFullLength()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "{\"a\": [1, 2, 3]}");
        run.Write(1000, "a");
        run.Write(2000, "xxxxxxxx");

        run.CallI32("json_get", 0, 16, 1000, 1, 2000, 4).Should().Be(9);

        run.ReadString(2000, 8).Should().Be("[1, xxxx");
    }

    [Test]
    public void JsonGet_ZeroCapacity_ReturnsTheLengthOnly()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "{\"a\": true}");
        run.Write(1000, "$.a");

        run.CallI32("json_get", 0, 11, 1000, 3, 0, 0).Should().Be(4);
    }

    [TestCase("{\"a\": 1}", "b", ProbeErrorCodes.NotFound, "json_get: no value at path 'b'")]
    [TestCase("{\"a\": 1", "a", ProbeErrorCodes.InvalidArgument, "json_get: malformed JSON or path 'a'")]
    [TestCase("{\"a\": 1}", "a..b", ProbeErrorCodes.InvalidArgument, "json_get: malformed JSON or path 'a..b'")]
    public void JsonGet_Failure_ReturnsTheCodeAndLogsWhy(string json, string path, int code, string reason)
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, json);
        run.Write(1000, path);

        run.CallI32("json_get", 0, json.Length, 1000, path.Length, 2000, 100).Should().Be(code);

        run.Logs.Should().ContainSingle().Which.Should().Match<ProbeLogEntry>(l => l.Level == ProbeLogLevel.Debug && l.Message == reason);
    }

    [TestCase(OutsideMemory, 8, 1000, 1, 2000, 10)]
    [TestCase(0, 8, OutsideMemory, 8, 2000, 10)]
    [TestCase(0, 8, 1000, 1, OutsideMemory, 10)]
    [TestCase(0, 8, 1000, 1, 2000, -1)]
    public void JsonGet_RangeOutsideMemory_ReturnsInvalidArgument(int json, int jsonLength, int path, int pathLength, int output, int capacity)
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "{\"a\": 1}");
        run.Write(1000, "a");

        run.CallI32("json_get", json, jsonLength, path, pathLength, output, capacity).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void JsonGet_PathNotUtf8_ReturnsInvalidArgument()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "{\"a\": 1}");
        run.Write(1000, 0xC3, 0x28);

        run.CallI32("json_get", 0, 8, 1000, 2, 2000, 10).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void JsonGet_OutputOverlapsTheInput_CopiesCorrectly()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "{\"key\": \"value\"}");
        run.Write(1000, "key");

        run.CallI32("json_get", 0, 16, 1000, 3, 2, 16).Should().Be(7);

        run.ReadString(0, 9).Should().Be("{\"\"value\"");
    }
}
