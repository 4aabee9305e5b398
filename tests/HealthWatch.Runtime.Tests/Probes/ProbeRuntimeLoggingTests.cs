using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.Logging;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ProbeRuntimeLoggingTests
{
    [Test]
    public async Task ProbeRuntime_LoadsAndRuns_LogsWithFixedEventIds()
    {
        var logger = new RecordingLogger();
        using var engine = new ManagedEngine();
        using var runtime = new ProbeRuntime(engine, new ProbeRuntimeOptions { ModuleCacheMaxEntries = 1 }, logger: logger);

        var echo = await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        await runtime.ExecuteProbeAsync(echo, """{"success":true}""", ProbeGrants.None);
        await runtime.ExecuteProbeAsync(echo, """{"success":1}""", ProbeGrants.None);
        await runtime.LoadModuleAsync(TestProbes.Read("trap"));
        var filesystem = await runtime.LoadModuleAsync(TestProbes.Read("filesystem"));
        await FluentActions.Awaiting(() => runtime.ExecuteProbeAsync(filesystem, null, ProbeGrants.None)).Should().ThrowAsync<CapabilityNotGrantedException>();

        // A load that misses makes room before it compiles, so an eviction comes before its compile.
        logger.Events.Should().Equal(
            (1, "ModuleCompiled"),
            (2, "ModuleCacheHit"),
            (4, "ProbeFinished"),
            (5, "ProbeFailed"),
            (3, "ModuleEvicted"),
            (1, "ModuleCompiled"),
            (3, "ModuleEvicted"),
            (1, "ModuleCompiled"),
            (6, "CapabilityNotGranted"));
    }

    private sealed class RecordingLogger : ILogger<ProbeRuntime>
    {
        private readonly List<(int, string)> _events = [];

        public IReadOnlyList<(int Id, string Name)> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_events)
            {
                _events.Add((eventId.Id, eventId.Name!));
            }
        }
    }
}
