namespace HealthWatch.Runtime.Benchmarks;

/// <summary>The .wasm files copied next to the benchmark assembly: <c>Modules/</c>, and the sample probes as <c>SampleProbes/</c>.</summary>
internal static class BenchmarkModules
{
    public static byte[] Read(string fileName) => ReadFrom("Modules", fileName);

    /// <summary>A probe of samples/probes, e.g. <c>http-status.wasm</c> or <c>hostile/trap.wasm</c>.</summary>
    public static byte[] ReadSampleProbe(string path) => ReadFrom("SampleProbes", path);

    private static byte[] ReadFrom(string folder, string path) =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(typeof(BenchmarkModules).Assembly.Location)!, folder, path));
}
