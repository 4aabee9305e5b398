using System.Globalization;

namespace ConsoleConsumer;

/// <summary>Prints the outcomes as an aligned table, one row per check.</summary>
internal static class ResultTable
{
    private const int MessageWidth = 70;

    public static void Write(TextWriter output, IReadOnlyList<CheckOutcome> outcomes)
    {
        string[] header = ["probe", "expected", "outcome", "latency ms", "message / error"];
        var rows = outcomes.Select(o => new[]
        {
            o.Check.Name,
            o.Check.Expected.ToString(),
            o.AsExpected ? o.Actual.ToString() : $"{o.Actual} (UNEXPECTED)",
            o.Result.LatencyMs.ToString("F1", CultureInfo.InvariantCulture),
            Clip(o.Result.Error?.Message ?? o.Result.Message ?? string.Empty),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(c => rows.Prepend(header).Max(r => r[c].Length)).ToArray();

        WriteRow(output, header, widths);
        WriteRow(output, [.. widths.Select(w => new string('-', w)), new string('-', MessageWidth)], widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] row, int[] widths)
    {
        for (var c = 0; c < widths.Length; c++)
        {
            // Numbers right-aligned, text left-aligned.
            output.Write(c == 3 ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
            output.Write("  ");
        }

        output.WriteLine(row[^1]);
    }

    private static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MessageWidth ? line : string.Concat(line.AsSpan(0, MessageWidth - 3), "...");
    }
}
