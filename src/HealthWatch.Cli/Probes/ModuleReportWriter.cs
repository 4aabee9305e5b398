using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HealthWatch.Cli.Probes;

/// <summary>Writes a <see cref="ModuleReport"/> for people (aligned columns) or for scripts (camelCase JSON).</summary>
internal static class ModuleReportWriter
{
    public static string ToText(ModuleReport report)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{report.Path}: {report.SizeBytes} bytes, sha256 {report.Sha256}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Imports ({report.Imports.Count}):");
        AppendTable(text, report.Imports.Select(i => new[] { $"{i.Module}.{i.Name}", i.Type, CapabilityText(i) }));
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Exports ({report.Exports.Count}):");
        AppendTable(text, report.Exports.Select(e => new[] { e.Name, e.Type }));
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Required capabilities: {(report.RequiredCapabilities.Count == 0 ? "none" : string.Join(", ", report.RequiredCapabilities))}")
            .AppendLine(report.AbiProblems.Count == 0 ? "Probe ABI: ok" : "Probe ABI problems:");
        foreach (var problem in report.AbiProblems)
        {
            text.Append("  ").AppendLine(problem);
        }

        return text.ToString();
    }

    public static string ToJson(ModuleReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("path", report.Path);
            json.WriteNumber("sizeBytes", report.SizeBytes);
            json.WriteString("sha256", report.Sha256);
            json.WriteStartArray("imports");
            foreach (var import in report.Imports)
            {
                json.WriteStartObject();
                json.WriteString("module", import.Module);
                json.WriteString("name", import.Name);
                json.WriteString("kind", import.Kind);
                json.WriteString("type", import.Type);
                json.WriteString("capability", import.Capability);
                json.WriteBoolean("needsGrant", import.NeedsGrant);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("exports");
            foreach (var export in report.Exports)
            {
                json.WriteStartObject();
                json.WriteString("name", export.Name);
                json.WriteString("kind", export.Kind);
                json.WriteString("type", export.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "requiredCapabilities", report.RequiredCapabilities);
            WriteStrings(json, "abiProblems", report.AbiProblems);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static string CapabilityText(ModuleReport.Import import) =>
        import.Capability is null ? "(no capability provides it)" : import.NeedsGrant ? import.Capability : $"{import.Capability} (always granted)";

    private static void AppendTable(StringBuilder text, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            text.AppendLine("  (none)");
            return;
        }

        var widths = Enumerable.Range(0, list[0].Length - 1).Select(c => list.Max(r => r[c].Length) + 2).ToArray();
        foreach (var row in list)
        {
            text.Append("  ");
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(row[c].PadRight(widths[c]));
            }

            text.AppendLine(row[^1]);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
