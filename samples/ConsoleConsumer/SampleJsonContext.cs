using System.Text.Json.Serialization;

namespace ConsoleConsumer;

/// <summary>Source-generated JSON for the few values the sample writes into probe configs.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
