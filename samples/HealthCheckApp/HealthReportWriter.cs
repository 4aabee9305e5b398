using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthCheckApp;

/// <summary>
/// Writes a health report as JSON: the overall status, and each check's status, description and data, so the
/// probe's verdict, latency and metrics are visible. No reflection: the values a probe check puts in its data are
/// written by type.
/// </summary>
internal static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("totalDurationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case double number:
                json.WriteNumberValue(number);
                break;
            case IReadOnlyDictionary<string, double> numbers:
                json.WriteStartObject();
                foreach (var (name, number) in numbers)
                {
                    json.WriteNumber(name, number);
                }

                json.WriteEndObject();
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
