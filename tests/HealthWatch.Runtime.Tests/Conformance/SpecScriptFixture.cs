namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>A throwaway suite folder holding one script <c>t/t.json</c> and its fake modules (see <see cref="FakeEngine"/>).</summary>
internal sealed class SpecScriptFixture : IDisposable
{
    public const string FileName = "t";

    public SpecScriptFixture(string commandsJson, params (string File, string Word)[] modules)
    {
        Directory = Path.Combine(Path.GetTempPath(), "hw-spec-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(Directory, FileName);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileName + ".json"), $$"""{"source_filename": "t.wast", "commands": [{{commandsJson}}]}""");
        foreach (var (file, word) in modules)
        {
            File.WriteAllText(Path.Combine(folder, file), word);
        }
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
