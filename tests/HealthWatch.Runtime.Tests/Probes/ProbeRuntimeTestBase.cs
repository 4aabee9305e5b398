using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

/// <summary>A managed engine and a probe runtime over it, new for each test; the test probes' capabilities block until cancelled.</summary>
public abstract class ProbeRuntimeTestBase
{
    protected const string Ok = """{"success":true,"message":"ok"}""";

    protected ManagedEngine Engine { get; private set; } = null!;

    protected ProbeRuntime Runtime { get; private set; } = null!;

    [SetUp]
    public void SetUpRuntime()
    {
        Engine = new ManagedEngine();
        Runtime = new ProbeRuntime(Engine, capabilities: TestProbes.Registry(context => context.CancellationToken.WaitHandle.WaitOne()));
    }

    [TearDown]
    public void TearDownRuntime()
    {
        Runtime.Dispose();
        Engine.Dispose();
    }
}
