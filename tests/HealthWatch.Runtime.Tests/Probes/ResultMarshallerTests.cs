using System.Text;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ResultMarshallerTests
{
    private static readonly ProbeResult Base = new() { Success = false, LatencyMs = 1 };

    [Test]
    public void Apply_FullVerdict_FillsTheResult()
    {
        var result = Apply("""{"success":true,"message":"200 OK","metrics":{"status":200,"latency_ms":12.5},"data":{"any":["JSON"]},"extra":1}""");

        result.Success.Should().BeTrue();
        result.Error.Should().BeNull();
        result.Message.Should().Be("200 OK");
        result.Metrics.Should().BeEquivalentTo(new Dictionary<string, double> { ["status"] = 200, ["latency_ms"] = 12.5 });
        result.Data!.Value.GetProperty("any")[0].GetString().Should().Be("JSON");
    }

    [Test]
    public void Apply_OnlySuccess_LeavesTheRestEmpty()
    {
        var result = Apply("""{"success":false,"message":null,"data":null}""");

        result.Success.Should().BeFalse();
        result.Error.Should().BeNull();
        result.Message.Should().BeNull();
        result.Metrics.Should().BeEmpty();
        result.Data.Should().BeNull();
    }

    [TestCase("not json", "not valid JSON")]
    [TestCase("", "not valid JSON")]
    [TestCase("""{"success":true} {}""", "not valid JSON")]
    [TestCase("42", "object")]
    [TestCase("{}", "'success'")]
    [TestCase("""{"success":1}""", "'success'")]
    [TestCase("""{"success":true,"message":5}""", "'message'")]
    [TestCase("""{"success":true,"metrics":[1]}""", "'metrics'")]
    [TestCase("""{"success":true,"metrics":{"a":"1"}}""", "metric 'a'")]
    [TestCase("""{"success":true,"metrics":{"a":1e999}}""", "metric 'a'")]
    public void Apply_MalformedVerdict_IsAnInvalidVerdictError(string verdict, string problem)
    {
        var result = Apply(verdict);

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
        result.Error.Message.Should().Contain(problem);
        result.Message.Should().Be(result.Error.Message);
    }

    [Test]
    public void Apply_InvalidUtf8_IsAnInvalidVerdictError()
    {
        var result = ResultMarshaller.Apply(Base, new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' });

        result.Error!.Message.Should().Contain("UTF-8");
    }

    [Test]
    public void Apply_TooDeep_IsAnInvalidVerdictError()
    {
        var deep = $$"""{"success":true,"data":{{new string('[', ResultMarshaller.MaxDepth)}}{{new string(']', ResultMarshaller.MaxDepth)}}}""";

        Apply(deep).Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
    }

    [Test]
    public void Apply_TooLarge_IsAnInvalidVerdictError()
    {
        var huge = $$"""{"success":true,"message":"{{new string('x', ResultMarshaller.MaxVerdictBytes)}}"}""";

        Apply(huge).Error!.Message.Should().Contain("bytes");
    }

    private static ProbeResult Apply(string verdict) => ResultMarshaller.Apply(Base, Encoding.UTF8.GetBytes(verdict));
}
