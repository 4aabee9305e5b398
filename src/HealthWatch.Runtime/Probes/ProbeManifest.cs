using System.Text.Json;
using HealthWatch.Runtime.Capabilities;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// One JSON document describing a run: the module, its config, its grants and its limits (schema:
/// <c>docs/manifest.schema.json</c>). The CLI and the sidecar read the same shape.
/// </summary>
/// <example>
/// <code language="json">
/// { "module": "probe.wasm", "config": { "url": "http://127.0.0.1:8080/health" },
///   "grants": { "http": { "allow": ["127.0.0.1"] }, "log": {} },
///   "limits": { "fuel": 100000000, "timeoutMs": 5000, "memoryPages": 64, "maxLogBytes": 65536, "maxHostCalls": 1000 } }
/// </code>
/// </example>
public sealed class ProbeManifest
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    private ProbeManifest(string modulePath, string? configJson, ProbeGrants grants, ProbeLimits limits)
    {
        ModulePath = modulePath;
        ConfigJson = configJson;
        Grants = grants;
        Limits = limits;
    }

    /// <summary>The module's path: relative to the manifest's directory made absolute, when that is known.</summary>
    public string ModulePath { get; }

    /// <summary>The probe's config as JSON text, or null when the manifest has none.</summary>
    public string? ConfigJson { get; }

    /// <summary>The capabilities granted, with their parsed options.</summary>
    public ProbeGrants Grants { get; }

    /// <summary>The limits: <see cref="ProbeLimits.Default"/> with the manifest's values over it.</summary>
    public ProbeLimits Limits { get; }

    /// <summary>Reads a manifest file; its module path is taken relative to the file's directory.</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="capabilities">The capabilities grants may name; <see cref="CapabilityRegistry.CreateDefault"/> when null.</param>
    /// <exception cref="ProbeConfigurationException">The manifest is malformed; the message names the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ProbeManifest Load(string path, CapabilityRegistry? capabilities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), Path.GetDirectoryName(fullPath), capabilities);
    }

    /// <summary>Parses a manifest.</summary>
    /// <param name="json">The manifest's JSON text.</param>
    /// <param name="baseDirectory">The directory a relative module path is relative to; null leaves the path as written.</param>
    /// <param name="capabilities">The capabilities grants may name; <see cref="CapabilityRegistry.CreateDefault"/> when null.</param>
    /// <exception cref="ProbeConfigurationException">The manifest is malformed; the message names the field.</exception>
    public static ProbeManifest Parse(string json, string? baseDirectory = null, CapabilityRegistry? capabilities = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        capabilities ??= CapabilityRegistry.CreateDefault();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ProbeConfigurationException("$", $"is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement, baseDirectory, capabilities);
        }
    }

    private static ProbeManifest Read(JsonElement root, string? baseDirectory, CapabilityRegistry capabilities)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ProbeConfigurationException("$", "must be a JSON object.");
        }

        string? module = null;
        string? config = null;
        var grants = new ProbeGrants();
        var limits = ProbeLimits.Default;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "module":
                    module = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (string.IsNullOrWhiteSpace(module))
                    {
                        throw new ProbeConfigurationException("module", "must be the path of the probe's .wasm file.");
                    }

                    break;
                case "config":
                    config = property.Value.ValueKind == JsonValueKind.Object
                        ? property.Value.GetRawText()
                        : throw new ProbeConfigurationException("config", "must be an object.");
                    break;
                case "grants":
                    ReadGrants(property.Value, capabilities, grants);
                    break;
                case "limits":
                    limits = ReadLimits(property.Value);
                    break;
                default:
                    throw new ProbeConfigurationException(property.Name, "is not a known field (expected module, config, grants or limits).");
            }
        }

        if (module is null)
        {
            throw new ProbeConfigurationException("module", "is required.");
        }

        var modulePath = baseDirectory is null ? module : Path.GetFullPath(module, Path.GetFullPath(baseDirectory));
        return new ProbeManifest(modulePath, config, grants, limits);
    }

    private static void ReadGrants(JsonElement element, CapabilityRegistry capabilities, ProbeGrants grants)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ProbeConfigurationException("grants", "must be an object of capability names to their options.");
        }

        foreach (var grant in element.EnumerateObject())
        {
            if (!capabilities.TryGetCapability(grant.Name, out var capability))
            {
                throw new ProbeConfigurationException($"grants.{grant.Name}", "is not a known capability.");
            }

            grants.Grant(capability.Name, capability.ParseGrant(grant.Value));
        }
    }

    private static ProbeLimits ReadLimits(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ProbeConfigurationException("limits", "must be an object.");
        }

        var limits = ProbeLimits.Default;
        foreach (var limit in element.EnumerateObject())
        {
            limits = limit.Name switch
            {
                "fuel" => limits with { Fuel = ReadInteger(limit, 1, long.MaxValue) },
                "timeoutMs" => limits with { Timeout = TimeSpan.FromMilliseconds(ReadInteger(limit, 1, int.MaxValue)) },
                "memoryPages" => limits with { MemoryPages = (uint)ReadInteger(limit, 1, 65536) },
                "maxLogBytes" => limits with { MaxLogBytes = (int)ReadInteger(limit, 0, int.MaxValue) },
                "maxHostCalls" => limits with { MaxHostCalls = (int)ReadInteger(limit, 0, int.MaxValue) },
                _ => throw new ProbeConfigurationException(
                    $"limits.{limit.Name}", "is not a known limit (expected fuel, timeoutMs, memoryPages, maxLogBytes or maxHostCalls)."),
            };
        }

        return limits;
    }

    private static long ReadInteger(JsonProperty limit, long minimum, long maximum) =>
        limit.Value.ValueKind == JsonValueKind.Number && limit.Value.TryGetInt64(out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ProbeConfigurationException($"limits.{limit.Name}", $"must be an integer from {minimum} to {maximum}.");
}
