namespace HealthWatch.Cli.Sidecar;

/// <summary>One frame read from the input: a message body, or why the bytes there were not a frame.</summary>
/// <param name="Body">The UTF-8 JSON body; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">What was wrong with the frame (bad header, oversized), as the error to answer; the reader has skipped it.</param>
internal sealed record Frame(byte[]? Body, RpcException? Error);
