namespace HealthWatch.Runtime.Benchmarks;

/// <summary>The .wasm files copied to <c>Modules/</c> next to the benchmark assembly.</summary>
internal static class BenchmarkModules
{
    public static byte[] Read(string fileName) =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(typeof(BenchmarkModules).Assembly.Location)!, "Modules", fileName));
}
