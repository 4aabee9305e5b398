using System.Text.Json;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ProbeResultJsonTests
{
    [Test]
    public void Serialize_FullResult_WritesTheDocumentedShape()
    {
        using var data = JsonDocument.Parse("""{"k":[1]}""");
        var result = new ProbeResult
        {
            Success = false,
            LatencyMs = 12.5,
            Message = "boom",
            Metrics = new Dictionary<string, double> { ["status_code"] = 500 },
            Data = data.RootElement.Clone(),
            Logs = [new ProbeLogEntry(ProbeLogLevel.Warning, "careful", 1.25)],
            LogsTruncated = true,
            Error = new ProbeError(ProbeErrorKind.OutOfFuel, "boom", TrapCode.OutOfFuel),
            Usage = new ProbeUsage { FuelUsed = 10, PeakMemoryBytes = 65536, HostCalls = 2, HostCallMs = 0.5, CompileMs = 3, InstantiateMs = 1, ExecuteMs = 2 },
        };

        var json = ProbeResultJson.Serialize(result);

        json.Should().Be(
            """
            {"success":false,"latencyMs":12.5,"message":"boom","metrics":{"status_code":500},"data":{"k":[1]},
            "logs":[{"level":"warning","message":"careful","timestampMs":1.25}],"logsTruncated":true,
            "error":{"kind":"outOfFuel","message":"boom","trapCode":"outOfFuel"},
            "usage":{"fuelUsed":10,"peakMemoryBytes":65536,"hostCalls":2,"hostCallMs":0.5,"compileMs":3,"instantiateMs":1,"executeMs":2}}
            """.ReplaceLineEndings(string.Empty));
    }

    [Test]
    public void Serialize_MinimalResult_LeavesNullsOut()
    {
        var json = ProbeResultJson.Serialize(new ProbeResult { Success = true, LatencyMs = 1 });

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("success").GetBoolean().Should().BeTrue();
        root.TryGetProperty("message", out _).Should().BeFalse();
        root.TryGetProperty("error", out _).Should().BeFalse();
        root.TryGetProperty("data", out _).Should().BeFalse();
        root.GetProperty("logs").GetArrayLength().Should().Be(0);
    }

    [Test]
    public void Serialize_Indented_IsTheSameDocument()
    {
        var result = new ProbeResult { Success = true, LatencyMs = 1, Error = new ProbeError(ProbeErrorKind.NoVerdict, "none") };

        var indented = ProbeResultJson.Serialize(result, indented: true);

        indented.Should().Contain(Environment.NewLine).And.Contain("\"noVerdict\"");
        JsonSerializer.Serialize(JsonDocument.Parse(indented).RootElement).Should().Be(ProbeResultJson.Serialize(result));
    }
}
