using System.Runtime.InteropServices;

namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

public class WasmtimeLibraryTests
{
    private const string App = "/app";
    private const string Packaged = "/app/runtimes/linux-x64/native/libwasmtime.so";

    [Test]
    public void Candidates_WithTheVariableSet_PackageLayoutFirstThenTheVariable()
    {
        var environment = Environment(variable: "/opt/wasmtime/lib/libwasmtime.so");

        WasmtimeLibrary.Candidates(environment).Should().Equal(Packaged, "/opt/wasmtime/lib/libwasmtime.so");
    }

    [Test]
    public void Candidates_VariableNamesAFolder_LooksForTheFileInIt()
    {
        var environment = Environment(variable: "/opt/wasmtime/lib", directories: ["/opt/wasmtime/lib"]);

        WasmtimeLibrary.Candidates(environment).Should().Equal(Packaged, "/opt/wasmtime/lib/libwasmtime.so");
    }

    [Test]
    public void Candidates_VariableUnsetOrEmpty_OnlyThePackageLayout()
    {
        WasmtimeLibrary.Candidates(Environment(variable: null)).Should().Equal(Packaged);
        WasmtimeLibrary.Candidates(Environment(variable: string.Empty)).Should().Equal(Packaged);
    }

    [Test]
    public void Find_BothPresent_PrefersThePackageBesideTheApp()
    {
        var environment = Environment(variable: "/opt/libwasmtime.so", files: [Packaged, "/opt/libwasmtime.so"]);

        WasmtimeLibrary.Find(environment).Should().Be(Packaged);
    }

    [Test]
    public void Find_OnlyTheVariablesFile_UsesIt()
    {
        var environment = Environment(variable: "/opt/libwasmtime.so", files: ["/opt/libwasmtime.so"]);

        WasmtimeLibrary.Find(environment).Should().Be("/opt/libwasmtime.so");
    }

    [Test]
    public void Find_NothingPresent_ReturnsNull()
    {
        WasmtimeLibrary.Find(Environment(variable: "/opt/libwasmtime.so")).Should().BeNull();
    }

    [TestCase("linux", Architecture.X64, "linux-x64", "libwasmtime.so")]
    [TestCase("linux", Architecture.Arm64, "linux-arm64", "libwasmtime.so")]
    [TestCase("linux-musl", Architecture.X64, "linux-musl-x64", "libwasmtime.so")]
    [TestCase("osx", Architecture.Arm64, "osx-arm64", "libwasmtime.dylib")]
    [TestCase("win", Architecture.X64, "win-x64", "wasmtime.dll")]
    [TestCase("win", Architecture.Arm64, "win-arm64", "wasmtime.dll")]
    public void Rid_KnownSystem_IsThePackagesRidAndFile(string os, Architecture architecture, string rid, string file)
    {
        var environment = Environment(variable: null) with { Os = os, Architecture = architecture };

        environment.Rid.Should().Be(rid);
        environment.FileName.Should().Be(file);
        WasmtimeLibrary.Candidates(environment).Should().Equal(Path.Combine(App, "runtimes", rid, "native", file));
    }

    [Test]
    public void Candidates_UnknownArchitecture_OnlyTheVariable()
    {
        var environment = Environment(variable: "/opt/libwasmtime.so") with { Architecture = Architecture.X86 };

        environment.Rid.Should().BeNull();
        WasmtimeLibrary.Candidates(environment).Should().Equal("/opt/libwasmtime.so");
    }

    [Test]
    public void MissingMessage_SupportedRid_NamesTheRidThePackageAndTheVariable()
    {
        var message = WasmtimeLibrary.MissingMessage(Environment(variable: null));

        message.Should().StartWith("libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB): the wasmtime engine on linux-x64")
            .And.Contain("add the package HealthWatch.Runtime.Native.linux-x64")
            .And.Contain("set HEALTHWATCH_WASMTIME_LIB to the library's path")
            .And.Contain(Packaged);
    }

    [Test]
    public void MissingMessage_RidWithoutAPackage_SaysSo()
    {
        var environment = Environment(variable: null) with { Os = "linux-musl", Architecture = Architecture.Arm64 };

        WasmtimeLibrary.MissingMessage(environment).Should().Contain("no HealthWatch.Runtime.Native.<rid> package exists for linux-musl-arm64");
    }

    [Test]
    public void SupportedRids_AreTheSevenRuntimePackages()
    {
        WasmtimeLibrary.SupportedRids.Should().BeEquivalentTo("linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64", "win-x64", "win-arm64");
    }

    private static LibraryEnvironment Environment(string? variable, string[]? files = null, string[]? directories = null) => new(
        "linux",
        Architecture.X64,
        App,
        name => name == WasmtimeLibrary.Variable ? variable : null,
        path => files?.Contains(path) == true,
        path => directories?.Contains(path) == true);
}
