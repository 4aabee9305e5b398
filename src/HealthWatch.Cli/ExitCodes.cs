namespace HealthWatch.Cli;

/// <summary>The process exit codes of every command; <c>healthwatch --help</c> lists them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Trap = 1;
    public const int Usage = 2;
    public const int BadModule = 3;
    public const int LinkError = 4;
    public const int InternalError = 5;

    public static string Describe() =>
        """
        Exit codes:
          0  success
          1  the WebAssembly code trapped (including out of fuel and timeout)
          2  usage error: bad command line, unknown export, wrong or unparsable arguments
          3  bad module: the file cannot be read, or is malformed, invalid or unsupported
          4  link error: the module has imports that cannot be resolved
          5  internal error (a bug in healthwatch)
        """;
}
