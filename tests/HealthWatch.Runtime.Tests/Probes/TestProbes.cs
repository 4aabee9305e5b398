using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Probes;

/// <summary>The probe test modules (<c>Probes/Modules/*.wat</c>, built to .wasm by wat2wasm) and a capability for tests.</summary>
internal static class TestProbes
{
    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path(name));

    public static string Path(string name) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Probes", "Modules", name + ".wasm");

    /// <summary>The path of a sample or hostile probe from samples/probes, copied next to the tests.</summary>
    public static string SamplePath(string name) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Probes", "Samples", name + ".wasm");

    /// <summary>The default registry plus <c>test-block</c>, whose <c>test.block</c> import runs <paramref name="block"/>.</summary>
    public static CapabilityRegistry Registry(Action<ProbeContext>? block = null) =>
        CapabilityRegistry.CreateDefault().Register(new BlockingCapability(block ?? (_ => { })));

    /// <summary>Provides <c>test.block: () -> i32</c>, which runs a test's action (e.g. waits) and returns 0.</summary>
    private sealed class BlockingCapability(Action<ProbeContext> block) : ProbeCapability
    {
        public override string Name => "test-block";

        public override IReadOnlyList<HostImport> Imports { get; } =
        [
            new("test", "block", new FuncType([], [ValType.I32]), context => (_, results) =>
            {
                block(context);
                results[0] = 0;
            }),
        ];
    }
}
