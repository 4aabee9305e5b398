namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// Implementation limits, the JS API's (https://webassembly.github.io/spec/js-api/#limits), so that what browsers
/// accept is accepted here. Exceeding one is <see cref="ModuleErrorKind.LimitExceeded"/>. They also cap how much
/// memory a module can make the decoder allocate: each decoded entry costs a few dozen bytes, more than it takes
/// in the binary.
/// </summary>
internal static class DecoderLimits
{
    public const int MaxModuleSize = 1 << 30;
    public const int MaxTypes = 1_000_000;
    public const int MaxDefinedFunctions = 1_000_000;
    public const int MaxImports = 100_000;
    public const int MaxExports = 100_000;
    public const int MaxDefinedGlobals = 1_000_000;
    public const int MaxDataSegments = 100_000;
    public const int MaxTables = 100_000;

    /// <summary>The JS API's limit with multi-memory; more than one memory is left to the validator to reject.</summary>
    public const int MaxMemories = 100;
    public const int MaxElementSegmentEntries = 10_000_000;
    public const int MaxParameters = 1_000;
    public const int MaxResults = 1_000;
    public const int MaxFunctionBodySize = 7_654_321;

    /// <summary>Locals of one function, parameters included.</summary>
    public const int MaxLocals = 50_000;

    public static void Check(long count, int max, string message, int offset)
    {
        if (count > max)
        {
            throw new WasmModuleException(ModuleErrorKind.LimitExceeded, message, offset);
        }
    }
}
