using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Probes;

namespace ConsoleConsumer;

/// <summary>One probe run of the sample: which probe, its config, what it is granted, and what should come of it.</summary>
internal sealed record SampleCheck(string Name, string Probe, string Config, ProbeGrants Grants, Expectation Expected, ProbeLimits? Limits = null)
{
    public async Task<CheckOutcome> RunAsync(IProbeRuntime runtime)
    {
        // Loads go through the runtime's module cache, so each probe is compiled once however often it runs.
        var module = await runtime.LoadModuleAsync(Path.Combine(AppContext.BaseDirectory, "probes", Probe));
        ProbeResult result;
        try
        {
            result = await runtime.ExecuteProbeAsync(module, Config, Grants, Limits);
        }
        catch (CapabilityNotGrantedException e)
        {
            // Refused before anything ran; shown as a result so the table has one shape.
            result = new ProbeResult { Success = false, LatencyMs = 0, Message = e.Message, Error = new ProbeError(ProbeErrorKind.CapabilityNotGranted, e.Message) };
        }

        return new CheckOutcome(this, result);
    }
}

internal sealed record CheckOutcome(SampleCheck Check, ProbeResult Result)
{
    public Expectation Actual => Expectation.Of(Result);

    public bool AsExpected => Actual == Check.Expected;
}
