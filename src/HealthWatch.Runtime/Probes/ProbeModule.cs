using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Probes;

/// <summary>A loaded probe module: compiled once, runnable any number of times, concurrently.</summary>
public sealed class ProbeModule
{
    internal ProbeModule(string sha256, IWasmModule compiled, IReadOnlyList<string> requiredCapabilities, long sizeBytes, double compileMs = 0)
    {
        CompileMs = compileMs;
        Sha256 = sha256;
        Compiled = compiled;
        RequiredCapabilities = requiredCapabilities;
        SizeBytes = sizeBytes;
    }

    /// <summary>The SHA-256 of the module's bytes, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The module's size in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>What the module imports.</summary>
    public IReadOnlyList<ImportDescriptor> Imports => Compiled.Imports;

    /// <summary>What the module exports.</summary>
    public IReadOnlyList<ExportDescriptor> Exports => Compiled.Exports;

    /// <summary>The capabilities its imports need (imports no capability provides are listed as <c>unknown:module.name</c>).</summary>
    public IReadOnlyList<string> RequiredCapabilities { get; }

    internal IWasmModule Compiled { get; }

    /// <summary>How long this load compiled the module, in milliseconds; zero when it came from the cache.</summary>
    internal double CompileMs { get; }
}
