using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace HealthWatch.Packaging.Tests;

/// <summary>
/// Packs the repository (eng/pack.sh) into a local feed under a version no earlier run used, so NuGet's caches can
/// never serve an older build, then consumes the packages as a user would: a fresh app outside the repository
/// (Consumer/) restored from that feed plus the repository's own package sources, and the dotnet tool installed
/// from it. Our packages are installed into a packages folder of the test's own, with the user's global folder as a
/// read-only fallback for third-party packages, so nothing is downloaded twice and nothing is left behind.
/// </summary>
[Platform(Exclude = "Win", Reason = "eng/pack.sh is a bash script.")]
public class PackageConsumerTests
{
    private static readonly string RepositoryRoot = typeof(PackageConsumerTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public void Pack()
    {
        _work = Directory.CreateTempSubdirectory("hw-packaging-").FullName;
        _feed = Path.Combine(_work, "feed");
        _version = $"0.1.0-t{DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";
        Run(RepositoryRoot, "pack", isolated: false, "bash", "eng/pack.sh", "-o", _feed, "-v", _version,
            "--", "--artifacts-path", Path.Combine(_work, "build")).ShouldSucceed();
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_work, recursive: true);

    [Test]
    public void Pack_EverySrcProject_GivesAPackageAndSymbolsOfTheVersion()
    {
        var ids = SrcPackageIds();
        ids.Should().Contain(["HealthWatch.Runtime", "HealthWatch.Runtime.Engines.Managed", "HealthWatch.Runtime.DependencyInjection", "HealthWatch.Runtime.HealthChecks", "healthwatch"]);
        foreach (var id in ids)
        {
            File.Exists(Path.Combine(_feed, $"{id}.{_version}.nupkg")).Should().BeTrue($"{id} is packed");
            File.Exists(Path.Combine(_feed, $"{id}.{_version}.snupkg")).Should().BeTrue($"{id} has symbols");
        }
    }

    [Test]
    public void ConsumerApp_FromTheFeed_RunsAProbeDirectlyAndAsAHealthCheck()
    {
        var app = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(app);
        foreach (var file in new[] { "Consumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(RepositoryRoot, "tests", "HealthWatch.Packaging.Tests", "Consumer", file), Path.Combine(app, file));
        }

        WriteNuGetConfig(app);
        var probe = Path.Combine(RepositoryRoot, "samples", "probes", "tcp-connect.wasm");

        var result = Run(app, "consumer", isolated: true, "dotnet", "run", "-c", "Release", $"-p:HealthWatchVersion={_version}", "--", probe);

        result.ShouldSucceed();
        result.Line("run: ").Should().Contain("\"success\":true").And.Contain("\"connect_ms\"");
        result.Line("open: ").Should().MatchRegex(@"^open: Healthy 127\.0\.0\.1:\d+ open in ");
        result.Line("closed: ").Should().StartWith("closed: Unhealthy 127.0.0.1:");
        Directory.EnumerateDirectories(Path.Combine(_work, "packages", "healthwatch.runtime.healthchecks"))
            .Select(Path.GetFileName).Should().Equal(_version);
    }

    [Test]
    public void Tool_InstalledFromTheFeed_RunsAsHealthwatch()
    {
        var tools = Path.Combine(_work, "tools");
        Run(_work, "tool-install", isolated: true, "dotnet", "tool", "install", "healthwatch",
            "--tool-path", tools, "--add-source", _feed, "--version", _version).ShouldSucceed();
        var healthwatch = Path.Combine(tools, "healthwatch");

        Run(_work, "tool-version", isolated: true, healthwatch, "--version").Output.Trim().Should().Be($"healthwatch {_version}");
        var invoke = Run(_work, "tool-invoke", isolated: true, healthwatch, "invoke", Path.Combine(RepositoryRoot, "tests", "modules", "c", "fib.wasm"), "fib", "20");
        invoke.ShouldSucceed();
        invoke.Output.Trim().Should().Be("6765");
    }

    /// <summary>The package id of each project under src/: its PackageId, else its AssemblyName, else its file name.</summary>
    private static List<string> SrcPackageIds() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories).Select(project =>
        {
            var properties = XDocument.Load(project).Root!.Elements("PropertyGroup").Elements().ToList();
            return properties.LastOrDefault(p => p.Name == "PackageId")?.Value
                ?? properties.LastOrDefault(p => p.Name == "AssemblyName")?.Value
                ?? Path.GetFileNameWithoutExtension(project);
        })];

    /// <summary>The local feed first, then the repository's sources (for third-party packages), and the user's global packages folder as a fallback.</summary>
    private void WriteNuGetConfig(string directory)
    {
        var config = XDocument.Load(Path.Combine(RepositoryRoot, "nuget.config"));
        var sources = config.Root!.Element("packageSources")!;
        (sources.Element("clear") ?? (XNode)sources).AddAfterSelf(new XElement("add", new XAttribute("key", "healthwatch-local"), new XAttribute("value", _feed)));
        config.Root.Add(new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "user"), new XAttribute("value", UserPackagesFolder()))));
        config.Save(Path.Combine(directory, "nuget.config"));
    }

    private static string UserPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// Runs a command with its output in a log file rather than a pipe: build servers the command starts outlive it
    /// and would hold a pipe open. <paramref name="isolated"/> installs packages into the test's own folder.
    /// </summary>
    private ProcessResult Run(string directory, string name, bool isolated, string command, params string[] args)
    {
        var log = Path.Combine(_work, $"{name}.log");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory };
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" > \"$HW_LOG\" 2>&1", command, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HW_LOG"] = log;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(variable);
        }

        if (isolated)
        {
            start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "packages");
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{name} did not finish within 10 minutes:\n{File.ReadAllText(log)}");
        }

        return new ProcessResult(name, process.ExitCode, File.ReadAllText(log));
    }

    private sealed record ProcessResult(string Name, int ExitCode, string Output)
    {
        public void ShouldSucceed() => ExitCode.Should().Be(0, $"{Name} failed:\n{Output}");

        public string Line(string prefix) =>
            Output.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new AssertionException($"{Name} printed no line starting with '{prefix}':\n{Output}");
    }
}
