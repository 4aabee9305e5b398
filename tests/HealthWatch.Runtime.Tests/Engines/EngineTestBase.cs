using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>Base of the engine behaviour fixtures: one engine per fixture, test modules from <c>Modules/</c>.</summary>
public abstract class EngineTestBase(EngineFactory factory)
{
    private readonly Dictionary<string, IWasmModule> _modules = [];

    protected IWasmEngine Engine { get; private set; } = null!;

    /// <summary>The bytes of <c>Modules/<paramref name="name"/>.wasm</c> (built from the .wat next to it).</summary>
    public static byte[] ReadModule(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Modules", name + ".wasm"));

    [OneTimeSetUp]
    public void CreateEngine() => Engine = factory.CreateIfAvailable()!;

    [SetUp]
    public void SkipIfEngineUnavailable() => factory.IgnoreIfUnavailable();

    [OneTimeTearDown]
    public void DisposeEngine()
    {
        foreach (var module in _modules.Values)
        {
            module.Dispose();
        }

        // Null when the engine is unavailable here and the fixture was skipped.
        Engine?.Dispose();
    }

    /// <summary>The test module <paramref name="name"/>, compiled once per fixture.</summary>
    protected IWasmModule Module(string name)
    {
        lock (_modules)
        {
            if (!_modules.TryGetValue(name, out var module))
            {
                module = Engine.LoadModule(ReadModule(name));
                _modules[name] = module;
            }

            return module;
        }
    }

    /// <summary>Instantiates test module <paramref name="name"/> in a new store.</summary>
    protected IWasmInstance Instantiate(string name, WasmImports? imports = null, WasmStoreLimits? limits = null) =>
        Engine.CreateStore(limits).Instantiate(Module(name), imports);

    protected static IWasmFunction Function(IWasmInstance instance, string name) =>
        instance.GetFunction(name) ?? throw new AssertionException($"No function export '{name}'.");
}
