using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli;

/// <summary>Reads and compiles a module file, reporting an unreadable file as a bad module.</summary>
internal static class ModuleFile
{
    public static IWasmModule Load(IWasmEngine engine, string path) => engine.LoadModule(Read(path));

    /// <exception cref="CliException">The file cannot be read (exit code <see cref="ExitCodes.BadModule"/>).</exception>
    public static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (IsFileError(e))
        {
            throw CliException.BadModule($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Whether <paramref name="error"/> is what reading a file the user named can throw.</summary>
    public static bool IsFileError(Exception error) =>
        error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
