using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HealthWatch.Cli.Probes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Sidecar;

/// <summary>
/// The sidecar's probe methods: the loaded modules, runs and schedules. Each method takes the request's params
/// and returns its result as JSON text; protocol problems are thrown as <see cref="RpcException"/>.
/// </summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    /// <summary>The manifest fields a run request carries; they are checked by the manifest's own parser.</summary>
    private static readonly string[] ManifestFields = ["config", "grants", "limits"];

    private readonly IWasmEngine _engine = WasmEngineFactory.Create(WasmEngineKind.Auto).Engine;
    private readonly CapabilityRegistry _capabilities = CapabilityRegistry.CreateDefault();
    private readonly ProbeRuntime _runtime;
    private readonly ConcurrentDictionary<string, ProbeModule> _modules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Schedule> _schedules = new(StringComparer.Ordinal);
    private readonly Action<string, string> _publish;
    private readonly TextWriter _log;
    private int _lastModule;
    private int _lastSchedule;

    /// <param name="publish">Sends a scheduled run's result: (scheduleId, ProbeResult JSON).</param>
    /// <param name="log">Where internal errors are reported.</param>
    public ProbeHost(Action<string, string> publish, TextWriter log)
    {
        _runtime = new ProbeRuntime(_engine, capabilities: _capabilities);
        _publish = publish;
        _log = log;
    }

    public string Initialize() => JsonText.WriteString(json =>
    {
        json.WriteStartObject();
        json.WriteString("version", HelpText.VersionNumber);
        json.WriteString("engine", _engine.Name);
        json.WriteStartArray("capabilities");
        foreach (var name in _capabilities.Capabilities.Select(c => c.Name).Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary><c>module/load</c>: <c>{path}</c> or <c>{bytes}</c> (base64). A module that cannot be read or compiled is invalid params.</summary>
    public async Task<string> LoadModuleAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var bytes = await ReadModuleAsync(parameters, cancellationToken).ConfigureAwait(false);
        ProbeModule module;
        try
        {
            module = await _runtime.LoadModuleAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RunFailure.From(e) is { } failure)
        {
            throw RpcException.BadParams(failure.Result.Message ?? e.Message);
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"module-{Interlocked.Increment(ref _lastModule)}");
        _modules[id] = module;
        return JsonText.WriteString(json =>
        {
            json.WriteStartObject();
            json.WriteString("moduleId", id);
            json.WriteStartArray("imports");
            foreach (var import in module.Imports)
            {
                json.WriteStartObject();
                json.WriteString("module", import.Module);
                json.WriteString("name", import.Name);
                json.WriteString("kind", ModuleReport.KindText(import.Kind));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("capabilities");
            foreach (var capability in module.RequiredCapabilities)
            {
                json.WriteStringValue(capability);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary><c>module/unload</c>: forgets the module; schedules already running it keep running.</summary>
    public string UnloadModule(RpcParams parameters)
    {
        var id = parameters.GetString("moduleId");
        return _modules.TryRemove(id, out _) ? "null" : throw UnknownModule(id);
    }

    /// <summary><c>probe/run</c>: the ProbeResult JSON, also for a probe that fails or cannot start.</summary>
    public Task<string> RunAsync(RpcParams parameters, CancellationToken cancellationToken) =>
        RunAsync(GetModule(parameters), parameters, cancellationToken);

    /// <summary><c>probe/schedule</c>: runs now and every <c>intervalMs</c>, each result a <c>probe/result</c> notification.</summary>
    public string Schedule(RpcParams parameters)
    {
        var module = GetModule(parameters);
        var interval = TimeSpan.FromMilliseconds(parameters.GetInt32("intervalMs", 1));

        // The request's document is gone once this returns; the schedule keeps its own copy.
        var copy = new RpcParams(parameters.Element.Clone());
        var id = string.Create(CultureInfo.InvariantCulture, $"schedule-{Interlocked.Increment(ref _lastSchedule)}");
        _schedules[id] = new Schedule(token => RunAsync(module, copy, token), interval, result => _publish(id, result), _log);
        return JsonText.WriteString(json =>
        {
            json.WriteStartObject();
            json.WriteString("scheduleId", id);
            json.WriteEndObject();
        });
    }

    /// <summary><c>probe/cancel</c>: stops a schedule; once answered, no more results of it are sent.</summary>
    public async Task<string> CancelAsync(RpcParams parameters)
    {
        var id = parameters.GetString("scheduleId");
        if (!_schedules.TryRemove(id, out var schedule))
        {
            throw RpcException.BadParams($"unknown scheduleId '{id}'");
        }

        await schedule.DisposeAsync().ConfigureAwait(false);
        return "null";
    }

    /// <summary>Stops every schedule.</summary>
    public async Task StopSchedulesAsync()
    {
        foreach (var id in _schedules.Keys)
        {
            if (_schedules.TryRemove(id, out var schedule))
            {
                await schedule.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopSchedulesAsync().ConfigureAwait(false);
        _runtime.Dispose();
        _engine.Dispose();
    }

    private static async Task<byte[]> ReadModuleAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var hasPath = parameters.TryGet("path", out _);
        if (hasPath == parameters.TryGet("bytes", out _))
        {
            throw RpcException.BadParams("params must have either path or bytes (base64)");
        }

        if (!hasPath)
        {
            var base64 = parameters.GetString("bytes");
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw RpcException.BadParams("params.bytes is not valid base64");
            }
        }

        var path = parameters.GetString("path");
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ModuleFile.IsFileError(e))
        {
            throw RpcException.BadParams($"cannot read '{path}': {e.Message}");
        }
    }

    private static RpcException UnknownModule(string id) => RpcException.BadParams($"unknown moduleId '{id}'");

    private ProbeModule GetModule(RpcParams parameters)
    {
        var id = parameters.GetString("moduleId");
        return _modules.TryGetValue(id, out var module) ? module : throw UnknownModule(id);
    }

    private async Task<string> RunAsync(ProbeModule module, RpcParams parameters, CancellationToken cancellationToken)
    {
        ProbeResult result;
        try
        {
            var manifest = ToManifest(parameters);
            result = await _runtime.ExecuteProbeAsync(module, manifest.ConfigJson, manifest.Grants, manifest.Limits, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RunFailure.From(e) is { } failure)
        {
            result = failure.Result;
        }

        return ProbeResultJson.Serialize(result);
    }

    /// <summary>The request's config, grants and limits read as a manifest, so they mean exactly what they mean there.</summary>
    /// <exception cref="ProbeConfigurationException">A field is malformed; the message names it.</exception>
    private ProbeManifest ToManifest(RpcParams parameters)
    {
        var json = JsonText.WriteString(json =>
        {
            json.WriteStartObject();
            json.WriteString("module", "sidecar");
            foreach (var field in ManifestFields)
            {
                if (parameters.TryGet(field, out var value))
                {
                    json.WritePropertyName(field);
                    value.WriteTo(json);
                }
            }

            json.WriteEndObject();
        });
        return ProbeManifest.Parse(json, baseDirectory: null, _capabilities);
    }
}
