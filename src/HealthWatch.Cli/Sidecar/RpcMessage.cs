using System.Text.Json;

namespace HealthWatch.Cli.Sidecar;

/// <summary>One JSON-RPC 2.0 message: a request (id and method), a notification (method only) or a response (neither).</summary>
/// <param name="Id">The request's id (a string, number or null); null for notifications and responses.</param>
/// <param name="Method">The method; null for responses.</param>
/// <param name="Params">The params, if any.</param>
internal sealed record RpcMessage(JsonElement? Id, string? Method, JsonElement? Params)
{
    /// <summary>Reads a message; the elements are cloned so they outlive the document.</summary>
    /// <exception cref="RpcException">Not a valid JSON-RPC 2.0 message (invalid request).</exception>
    public static RpcMessage Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(root.ValueKind == JsonValueKind.Array ? "batches are not supported" : "a message must be an object");
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw Invalid("jsonrpc must be \"2.0\"");
        }

        var hasId = root.TryGetProperty("id", out var id);
        if (hasId && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            throw Invalid("id must be a string, a number or null");
        }

        if (!root.TryGetProperty("method", out var method))
        {
            return root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)
                ? new RpcMessage(null, null, null)
                : throw Invalid("a request needs a method");
        }

        if (method.ValueKind != JsonValueKind.String)
        {
            throw Invalid("method must be a string");
        }

        var parameters = root.TryGetProperty("params", out var value) ? value.Clone() : (JsonElement?)null;
        return new RpcMessage(hasId ? id.Clone() : null, method.GetString(), parameters);
    }

    /// <summary>The id to answer an invalid message with: its own when readable, else null.</summary>
    public static JsonElement? ReadId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.Clone()
            : null;

    private static RpcException Invalid(string message) => new(RpcException.InvalidRequest, $"Invalid Request: {message}");
}
