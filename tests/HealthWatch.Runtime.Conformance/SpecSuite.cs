using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Conformance.Json;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Where the converted spec suite is and which files it has.</summary>
internal static class SpecSuite
{
    public const string DirectoryVariable = "HEALTHWATCH_WASM_SPEC_DIR";

    public const string SolutionFile = "HealthWatch.Runtime.sln";

    /// <summary>The default location relative to the repository root.</summary>
    public static readonly string RelativeToRepository = Path.Combine("..", "shared", "wasm-spec");

    /// <summary>
    /// $HEALTHWATCH_WASM_SPEC_DIR, else ../shared/wasm-spec next to the repository, else null when no repository
    /// root is found. The folder may not exist.
    /// </summary>
    public static string? DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return FindRepositoryRoot() is { } root ? Path.GetFullPath(Path.Combine(root, RelativeToRepository)) : null;
    }

    /// <summary>
    /// The nearest folder holding the solution, from the working directory, then the binaries (which may be
    /// under a private --artifacts-path), then this source file's compile-time location.
    /// </summary>
    public static string? FindRepositoryRoot() =>
        new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(SourcePath()) }
            .Select(WalkUp)
            .FirstOrDefault(root => root is not null);

    /// <summary>The names of the suite's files (folders holding &lt;name&gt;/&lt;name&gt;.json), in ordinal order.</summary>
    public static IReadOnlyList<string> ListFiles(string directory) =>
        [.. Directory.EnumerateDirectories(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(SpecScriptLoader.ScriptPath(directory, name)))
            .Order(StringComparer.Ordinal)];

    private static string? WalkUp(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
