using System.Text.Json.Serialization;

namespace HealthWatch.Runtime.Conformance.Json;

/// <summary>Source-generated (reflection-free) System.Text.Json metadata for the wast2json format.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SpecScript))]
internal sealed partial class SpecJsonContext : JsonSerializerContext
{
}
