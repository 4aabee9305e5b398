using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>
/// Broken bytes must come out of <see cref="IWasmEngine.LoadModule"/> as a <see cref="WasmModuleException"/> or
/// as a module that then instantiates or fails with a typed error: never another exception, a hang or a crash.
/// </summary>
[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class MalformedModuleTests(EngineFactory factory) : EngineTestBase(factory)
{
    private static readonly string[] ModuleNames = ["traps", "values", "tables", "segments", "linking", "loops", "memory", "c/fib", "c/sha256", "c/json_tokenize", "c/loops"];

    [TestCaseSource(nameof(ModuleNames))]
    public void LoadModule_EveryTruncatedPrefix_ThrowsModuleExceptionUnlessItEndsBetweenSections(string name)
    {
        var bytes = ReadModule(name);
        var boundaries = SectionBoundaries(bytes);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsMemory(0, length);
            var act = () => Engine.LoadModule(prefix).Dispose();
            if (!boundaries.Contains(length))
            {
                act.Should().Throw<WasmModuleException>($"a {length}-byte prefix of {name} ends inside a section");
            }
            else
            {
                // Ending between sections may leave a valid module (trailing sections are optional) or an
                // invalid one (e.g. functions without their code): either way, nothing but a module error.
                try
                {
                    act();
                }
                catch (WasmModuleException)
                {
                }
            }
        }
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void LoadModule_RandomByteFlips_GivesTypedOutcomesOnly(string name)
    {
        var original = ReadModule(name);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 0x5EED);
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(3);
            for (var i = 0; i < flips; i++)
            {
                bytes[8 + random.Next(bytes.Length - 8)] ^= (byte)(1 << random.Next(8));
            }

            LoadAndInstantiate(bytes);
        }
    }

    /// <summary>Offsets where a section starts or the module ends (the header alone is an empty module).</summary>
    private static HashSet<int> SectionBoundaries(byte[] bytes)
    {
        var boundaries = new HashSet<int> { 8 };
        var position = 8;
        while (position < bytes.Length)
        {
            position++;
            uint size = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                size |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            position += (int)size;
            boundaries.Add(position);
        }

        return boundaries;
    }

    private void LoadAndInstantiate(byte[] bytes)
    {
        IWasmModule module;
        try
        {
            module = Engine.LoadModule(bytes);
        }
        catch (WasmModuleException)
        {
            return;
        }

        using (module)
        {
            using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 100_000, MaxMemoryPages = 16 });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                store.Instantiate(module, new WasmImports(), timeout.Token);
            }
            catch (WasmLinkException)
            {
            }
            catch (WasmTrapException)
            {
            }
        }
    }
}
