namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Zeros the JIT cannot see through. Generated code ORs them into the bits of some float constants, so that
/// the JIT neither quiets a signalling NaN constant (it keeps float constants as doubles) nor folds
/// <c>x * 1</c>, <c>x / 1</c>, <c>x - 0</c> to <c>x</c>, which WebAssembly forbids: a NaN operand must come out quiet.
/// </summary>
internal static class OpaqueBits
{
    /// <summary>Always zero; settable only so that the JIT cannot treat it as a constant.</summary>
    internal static int Zero32 { get; set; }

    /// <summary>Always zero; settable only so that the JIT cannot treat it as a constant.</summary>
    internal static long Zero64 { get; set; }
}
