using System.Globalization;

namespace HealthWatch.Runtime.Conformance;

/// <summary>One entry of known-failures.txt: every failing command on <see cref="Line"/> of <see cref="File"/>.wast is expected.</summary>
internal sealed record KnownFailure(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line} {Reason}";
}

/// <summary>
/// The failures the suite is allowed to have, from <c>known-failures.txt</c>: lines <c>&lt;file&gt;:&lt;line&gt; &lt;reason&gt;</c>,
/// where file is the .wast name without extension; <c>#</c> starts a comment, blank lines are ignored.
/// </summary>
internal sealed class KnownFailures
{
    public const string ResourceName = "known-failures.txt";

    private readonly Dictionary<(string File, int Line), KnownFailure> _entries;

    private KnownFailures(Dictionary<(string File, int Line), KnownFailure> entries) => _entries = entries;

    public static KnownFailures Empty { get; } = new([]);

    public IReadOnlyCollection<KnownFailure> Entries => _entries.Values;

    /// <exception cref="FormatException">A line is not an entry, lacks a reason, or repeats an earlier entry.</exception>
    public static KnownFailures Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new Dictionary<(string, int), KnownFailure>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? lines[i][..hash] : lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var entry = ParseEntry(line) ?? throw new FormatException($"{ResourceName}:{i + 1}: expected '<file>:<line> <reason>', got '{line}'");
            if (!entries.TryAdd((entry.File, entry.Line), entry))
            {
                throw new FormatException($"{ResourceName}:{i + 1}: {entry.File}:{entry.Line} is listed twice");
            }
        }

        return new KnownFailures(entries);
    }

    /// <summary>The list built into this assembly (the project's known-failures.txt).</summary>
    public static KnownFailures LoadEmbedded()
    {
        using var stream = typeof(KnownFailures).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(KnownFailures).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public KnownFailure? Find(string file, int line) => _entries.GetValueOrDefault((file, line));

    public IEnumerable<KnownFailure> ForFile(string file) => _entries.Values.Where(e => e.File == file).OrderBy(e => e.Line);

    private static KnownFailure? ParseEntry(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var location = space < 0 ? line : line[..space];
        var reason = space < 0 ? string.Empty : line[(space + 1)..].Trim();
        var colon = location.LastIndexOf(':');
        return colon > 0
            && reason.Length > 0
            && int.TryParse(location.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0
                ? new KnownFailure(location[..colon], number, reason)
                : null;
    }
}
