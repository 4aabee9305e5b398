using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// Finds and loads the native Wasmtime library, in this order (docs/wasmtime.md):
/// 1. <c>runtimes/&lt;rid&gt;/native/&lt;file&gt;</c> beside the application (the layout of the
///    <c>HealthWatch.Runtime.Native.&lt;rid&gt;</c> packages);
/// 2. the file named by <c>HEALTHWATCH_WASMTIME_LIB</c>;
/// 3. the runtime's own probing (the application folder after a RID-specific publish, the deps.json).
/// </summary>
internal static class WasmtimeLibrary
{
    /// <summary>The environment variable naming the library file.</summary>
    public const string Variable = "HEALTHWATCH_WASMTIME_LIB";

    /// <summary>Why the engine is unavailable; the Wasmtime tests are skipped with exactly this text.</summary>
    public const string NotFound = "libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)";

    /// <summary>The prefix of the runtime packages' ids; the RID follows.</summary>
    public const string PackagePrefix = "HealthWatch.Runtime.Native.";

    /// <summary>The RIDs a runtime package exists for.</summary>
    public static IReadOnlyList<string> SupportedRids { get; } =
        ["linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64", "win-x64", "win-arm64"];

    // Functions the engine calls that the C API compiles only with a cargo feature (WASMTIME_FEATURE_* in the headers).
    private static readonly string[] FeatureExports =
    [
        "wasmtime_config_cranelift_opt_level_set", // compiler
        "wasmtime_config_wasm_threads_set", // threads
        "wasmtime_config_wasm_gc_set", // gc
        "wasmtime_externref_new", // gc
    ];

    private static readonly Lazy<LoadResult> Loaded = new(() => Load(LibraryEnvironment.Current));

    /// <summary>Loads the library once per process and installs the import resolver.</summary>
    /// <param name="description">Where it was loaded from, or why it could not be.</param>
    public static bool TryLoad(out string description)
    {
        var result = Loaded.Value;
        description = result.Description;
        return result.Handle != 0;
    }

    /// <summary>The paths tried, in order; the runtime's own probing comes after them.</summary>
    public static IReadOnlyList<string> Candidates(LibraryEnvironment environment)
    {
        var candidates = new List<string>();
        if (environment.Rid is { } rid)
        {
            candidates.Add(Path.Combine(environment.BaseDirectory, "runtimes", rid, "native", environment.FileName));
        }

        if (environment.GetVariable(Variable) is { Length: > 0 } configured)
        {
            candidates.Add(environment.DirectoryExists(configured) ? Path.Combine(configured, environment.FileName) : configured);
        }

        return candidates;
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? Find(LibraryEnvironment environment) => Candidates(environment).FirstOrDefault(environment.FileExists);

    /// <summary>The error for a missing library: what to add for this platform, and where it looked.</summary>
    public static string MissingMessage(LibraryEnvironment environment)
    {
        var rid = environment.Rid ?? environment.Describe();
        var package = environment.Rid is { } supported && SupportedRids.Contains(supported)
            ? $"add the package {PackagePrefix}{supported}"
            : $"no {PackagePrefix}<rid> package exists for {rid}: build libwasmtime for it";
        var looked = Candidates(environment) is { Count: > 0 } paths ? $"; looked in {string.Join(", ", paths)} and the default search path" : string.Empty;
        return $"{NotFound}: the wasmtime engine on {rid} needs {environment.FileName}: {package}, or set {Variable} to the library's path{looked}.";
    }

    private static LoadResult Load(LibraryEnvironment environment)
    {
        var path = Find(environment);
        nint handle;
        string description;
        if (path is not null)
        {
            if (!NativeLibrary.TryLoad(path, out handle))
            {
                return new LoadResult(0, $"{NotFound}: {path} exists but could not be loaded (wrong platform or a broken file?).");
            }

            description = $"libwasmtime loaded from {path}";
        }
        else if (NativeLibrary.TryLoad(NativeMethods.Library, typeof(WasmtimeLibrary).Assembly, null, out handle))
        {
            description = "libwasmtime loaded from the default search path";
        }
        else
        {
            return new LoadResult(0, MissingMessage(environment));
        }

        if (!NativeLibrary.TryGetExport(handle, "wasmtime_store_new", out _))
        {
            return new LoadResult(0, $"{NotFound}: the library found is not Wasmtime's C API ({path ?? NativeMethods.Library}).");
        }

        if (FeatureExports.FirstOrDefault(name => !NativeLibrary.TryGetExport(handle, name, out _)) is { } missing)
        {
            return new LoadResult(0, $"{NotFound}: {path ?? NativeMethods.Library} lacks {missing}: it was built without Wasmtime's default features (the release archives' min/ build?).");
        }

        NativeLibrary.SetDllImportResolver(typeof(WasmtimeLibrary).Assembly, (name, _, _) => name == NativeMethods.Library ? handle : 0);
        return new LoadResult(handle, description);
    }

    private sealed record LoadResult(nint Handle, string Description);
}

/// <summary>What library resolution needs from the machine, injectable so that the order can be tested without it.</summary>
/// <param name="Os"><c>linux</c>, <c>linux-musl</c>, <c>osx</c> or <c>win</c>; null for another system.</param>
/// <param name="Architecture">The process architecture.</param>
/// <param name="BaseDirectory">The application's folder.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="FileExists">Whether a file exists.</param>
/// <param name="DirectoryExists">Whether a directory exists.</param>
internal sealed record LibraryEnvironment(
    string? Os,
    Architecture Architecture,
    string BaseDirectory,
    Func<string, string?> GetVariable,
    Func<string, bool> FileExists,
    Func<string, bool> DirectoryExists)
{
    public static LibraryEnvironment Current { get; } = new(
        CurrentOs(),
        RuntimeInformation.ProcessArchitecture,
        AppContext.BaseDirectory,
        Environment.GetEnvironmentVariable,
        File.Exists,
        Directory.Exists);

    /// <summary>The runtime identifier of the package to use, e.g. <c>linux-x64</c>; null on an unknown system or architecture.</summary>
    public string? Rid => Os is null ? null : Architecture switch
    {
        Architecture.X64 => $"{Os}-x64",
        Architecture.Arm64 => $"{Os}-arm64",
        _ => null,
    };

    /// <summary>The library's file name on this system.</summary>
    public string FileName => Os switch
    {
        "win" => "wasmtime.dll",
        "osx" => "libwasmtime.dylib",
        _ => "libwasmtime.so",
    };

    public string Describe() => $"{Os ?? RuntimeInformation.OSDescription}-{Architecture.ToString().ToLowerInvariant()}";

    private static string? CurrentOs()
    {
        if (OperatingSystem.IsWindows())
        {
            return "win";
        }

        if (OperatingSystem.IsMacOS())
        {
            return "osx";
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // musl's dynamic loader is /lib/ld-musl-<arch>.so.1; glibc systems have none.
        return Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*.so.1").Any() ? "linux-musl" : "linux";
    }
}
