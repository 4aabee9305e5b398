namespace HealthWatch.Cli;

/// <summary>The process exit codes of every command; <c>healthwatch --help</c> lists them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Trap = 1;
    public const int ProbeFailed = 1;
    public const int Usage = 2;
    public const int BadModule = 3;
    public const int LinkError = 4;
    public const int InternalError = 5;
    public const int CapabilityNotGranted = 6;
    public const int BadConfiguration = 7;
    public const int EngineUnavailable = 8;

    public static string Describe() =>
        """
        Exit codes:
          0  success (run: the probe reported success)
          1  the WebAssembly code trapped (including out of fuel and timeout); run: the probe ran and failed
          2  usage error: bad command line, unknown export, wrong or unparsable arguments
          3  bad module: the file cannot be read, or is malformed, invalid or unsupported
          4  link error: the module has imports that cannot be resolved; run: it breaks the probe ABI
          5  internal error (a bug in healthwatch)
          6  run: the probe needs a capability that was not granted (nothing ran)
          7  run: bad manifest, grant, config or limit (nothing ran)
          8  --engine wasmtime, but libwasmtime is not found (the message says what to install)
        """;
}
