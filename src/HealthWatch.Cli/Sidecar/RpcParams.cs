using System.Text.Json;

namespace HealthWatch.Cli.Sidecar;

/// <summary>A request's <c>params</c> object, with readers that answer a missing or mistyped field as invalid params.</summary>
internal readonly struct RpcParams(JsonElement element)
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    public JsonElement Element { get; } = element;

    /// <summary>The params of a request; absent params read as an empty object.</summary>
    /// <exception cref="RpcException">The params are not an object.</exception>
    public static RpcParams From(JsonElement? element) => element switch
    {
        null => new RpcParams(EmptyObject),
        { ValueKind: JsonValueKind.Object } e => new RpcParams(e),
        _ => throw RpcException.BadParams("params must be an object"),
    };

    public bool TryGet(string name, out JsonElement value) => Element.TryGetProperty(name, out value);

    public string GetString(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw RpcException.BadParams($"params.{name} must be a non-empty string");

    public int GetInt32(string name, int minimum) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= minimum
            ? number
            : throw RpcException.BadParams($"params.{name} must be an integer of at least {minimum}");
}
