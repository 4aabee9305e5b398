using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli;

/// <summary>Reads and compiles a module file, reporting an unreadable file as a bad module.</summary>
internal static class ModuleFile
{
    public static IWasmModule Load(IWasmEngine engine, string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.BadModule($"cannot read '{path}': {e.Message}");
        }

        return engine.LoadModule(bytes);
    }
}
