using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ProbeManifestTests
{
    [Test]
    public void Parse_FullManifest_ReadsEveryPart()
    {
        var manifest = ProbeManifest.Parse(
            """
            {
              // comments are allowed
              "module": "probes/check.wasm",
              "config": { "url": "http://127.0.0.1:8080/health" },
              "grants": { "log": {}, "clock": {} },
              "limits": { "fuel": 5000, "timeoutMs": 1500, "memoryPages": 32, "maxLogBytes": 100, "maxHostCalls": 7 }
            }
            """,
            "/srv/manifests");

        manifest.ModulePath.Should().Be(Path.GetFullPath("/srv/manifests/probes/check.wasm"));
        manifest.ConfigJson.Should().Be("""{ "url": "http://127.0.0.1:8080/health" }""");
        manifest.Grants.Names.Should().BeEquivalentTo("log", "clock");
        manifest.Limits.Should().Be(new ProbeLimits
        {
            Fuel = 5000,
            Timeout = TimeSpan.FromMilliseconds(1500),
            MemoryPages = 32,
            MaxLogBytes = 100,
            MaxHostCalls = 7,
        });
    }

    [Test]
    public void Parse_OnlyModule_UsesDefaults()
    {
        var manifest = ProbeManifest.Parse("""{"module":"p.wasm"}""", baseDirectory: null);

        manifest.ModulePath.Should().Be("p.wasm");
        manifest.ConfigJson.Should().BeNull();
        manifest.Grants.Names.Should().BeEmpty();
        manifest.Limits.Should().Be(ProbeLimits.Default);
    }

    [Test]
    public void Load_RelativeModule_IsRelativeToTheManifestsDirectory()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(directory.FullName, "probe.json");
            File.WriteAllText(path, """{"module":"probe.wasm","limits":{"timeoutMs":100}}""");

            var manifest = ProbeManifest.Load(path);

            manifest.ModulePath.Should().Be(Path.Combine(directory.FullName, "probe.wasm"));
            manifest.Limits.Timeout.Should().Be(TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCase("""{"module":"p.wasm",""", "$")]
    [TestCase("""[]""", "$")]
    [TestCase("""{"module":"p.wasm","module":"q.wasm"}""", "$")]
    [TestCase("""{}""", "module")]
    [TestCase("""{"module":""}""", "module")]
    [TestCase("""{"module":7}""", "module")]
    [TestCase("""{"module":"p.wasm","modul":"q"}""", "modul")]
    [TestCase("""{"module":"p.wasm","config":"x"}""", "config")]
    [TestCase("""{"module":"p.wasm","grants":[]}""", "grants")]
    [TestCase("""{"module":"p.wasm","grants":{"teleport":{}}}""", "grants.teleport")]
    [TestCase("""{"module":"p.wasm","grants":{"log":{"verbose":true}}}""", "grants.log.verbose")]
    [TestCase("""{"module":"p.wasm","grants":{"http":{"allow":["example.com","bad host!"]}}}""", "grants.http.allow[1]")]
    [TestCase("""{"module":"p.wasm","grants":{"filesystem":{}}}""", "grants.filesystem")]
    [TestCase("""{"module":"p.wasm","limits":5}""", "limits")]
    [TestCase("""{"module":"p.wasm","limits":{"fuel":0}}""", "limits.fuel")]
    [TestCase("""{"module":"p.wasm","limits":{"timeoutMs":-1}}""", "limits.timeoutMs")]
    [TestCase("""{"module":"p.wasm","limits":{"timeoutMs":1.5}}""", "limits.timeoutMs")]
    [TestCase("""{"module":"p.wasm","limits":{"memoryPages":65537}}""", "limits.memoryPages")]
    [TestCase("""{"module":"p.wasm","limits":{"maxLogBytes":"1"}}""", "limits.maxLogBytes")]
    [TestCase("""{"module":"p.wasm","limits":{"maxHostCalls":-1}}""", "limits.maxHostCalls")]
    [TestCase("""{"module":"p.wasm","limits":{"cpu":1}}""", "limits.cpu")]
    public void Parse_BadField_ThrowsNamingIt(string json, string field)
    {
        var act = () => ProbeManifest.Parse(json, baseDirectory: null);

        act.Should().Throw<ProbeConfigurationException>().Which.Field.Should().Be(field);
    }

    [Test]
    public void Parse_CustomCapability_IsGrantedThroughTheRegistry()
    {
        var manifest = ProbeManifest.Parse("""{"module":"p.wasm","grants":{"test-block":{}}}""", null, TestProbes.Registry());

        manifest.Grants.IsGranted("test-block").Should().BeTrue();
    }
}
