namespace HealthWatch.Runtime.Conformance.Json;

/// <summary>One converted .wast file: <c>{"source_filename": ..., "commands": [...]}</c> as written by wast2json.</summary>
internal sealed class SpecScript
{
    public string SourceFilename { get; init; } = string.Empty;

    public IReadOnlyList<SpecCommand> Commands { get; init; } = [];
}

/// <summary>
/// One command. wast2json uses one flat shape for all command types; which fields are present depends on
/// <see cref="Type"/> (see the spec suite's README).
/// </summary>
internal sealed class SpecCommand
{
    public string Type { get; init; } = string.Empty;

    public int Line { get; init; }

    public string? Filename { get; init; }

    public string? Name { get; init; }

    public string? As { get; init; }

    public SpecAction? Action { get; init; }

    public IReadOnlyList<SpecValue>? Expected { get; init; }

    public string? Text { get; init; }

    public string? ModuleType { get; init; }
}

/// <summary>An <c>invoke</c> or <c>get</c> action on an export of the current or a named module.</summary>
internal sealed class SpecAction
{
    public string Type { get; init; } = string.Empty;

    public string? Module { get; init; }

    public string Field { get; init; } = string.Empty;

    public IReadOnlyList<SpecValue> Args { get; init; } = [];
}

/// <summary>A typed value; <see cref="Value"/> is absent in the <c>expected</c> list of assert_trap.</summary>
internal sealed class SpecValue
{
    public string Type { get; init; } = string.Empty;

    public string? Value { get; init; }
}
