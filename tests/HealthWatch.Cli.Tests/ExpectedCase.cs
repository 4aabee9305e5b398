using System.Globalization;
using System.Text.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli.Tests;

/// <summary>One entry of tests/modules/expected.json (see tests/modules/README.md), as node ran it.</summary>
public sealed record ExpectedCase(string Module, string Export, string[] Args, ExpectedResult[]? Results, string? Trap)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ExpectedCase> Parse(string json) =>
        JsonSerializer.Deserialize<ExpectedCase[]>(json, JsonOptions) ?? throw new InvalidDataException("empty case list");

    public static IReadOnlyList<ExpectedCase> LoadCommitted() =>
        Parse(File.ReadAllText(Path.Combine(Cli.ModulesDirectory, "expected.json")));

    public override string ToString() => $"{Module} {Export}({string.Join(", ", Args)})";

    /// <summary>Compares with what healthwatch did; returns null when they agree, else what differs.</summary>
    public string? Mismatch(CliResult actual)
    {
        if (Trap is not null)
        {
            return actual.ExitCode == 1 && actual.Stderr.StartsWith("trap: ", StringComparison.Ordinal)
                ? null
                : $"{this}: node trapped ({Trap}), healthwatch exited {actual.ExitCode} with '{actual.Stdout}{actual.Stderr}'";
        }

        var expected = string.Join("\n", Results!.Select(r => r.Printed));
        var printed = string.Join("\n", actual.StdoutLines);
        return actual.ExitCode == 0 && printed == expected
            ? null
            : $"{this}: node gave [{expected.Replace('\n', ' ')}], healthwatch exited {actual.ExitCode} with [{printed.Replace('\n', ' ')}] {actual.Stderr}";
    }
}

/// <summary>A result as node produced it. Floats are compared by bits, through healthwatch's own formatting.</summary>
public sealed record ExpectedResult(string Type, string Value, string? Bits)
{
    public string Printed => Type switch
    {
        "f32" => WasmValue.FromSingleBits(uint.Parse(Bits![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
        "f64" => WasmValue.FromDoubleBits(ulong.Parse(Bits![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
        _ => Value,
    };
}
