namespace HealthWatch.Cli.Sidecar;

/// <summary>A protocol problem, answered as a JSON-RPC error response (never a problem of the probe itself).</summary>
internal sealed class RpcException(int code, string message) : Exception(message)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    public int Code { get; } = code;

    public static RpcException BadParams(string message) => new(InvalidParams, message);
}
