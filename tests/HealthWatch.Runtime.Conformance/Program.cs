namespace HealthWatch.Runtime.Conformance;

internal static class Program
{
    private static int Main() => 0;
}
