using System.Text.Json;

namespace HealthWatch.Runtime.Conformance.Json;

/// <summary>Reads <c>&lt;dir&gt;/&lt;name&gt;/&lt;name&gt;.json</c>.</summary>
internal static class SpecScriptLoader
{
    public static string ScriptPath(string directory, string name) => Path.Combine(directory, name, name + ".json");

    /// <exception cref="SpecDataException">The file is missing or is not a wast2json script.</exception>
    public static SpecScript Load(string directory, string name)
    {
        var path = ScriptPath(directory, name);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, SpecJsonContext.Default.SpecScript)
                ?? throw new SpecDataException($"{path} holds no script");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new SpecDataException($"cannot read {path}: {e.Message}", e);
        }
    }
}
