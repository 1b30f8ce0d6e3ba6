using System.Text.Json;
using Fulcrum.Errors;
using Fulcrum.Validation;

namespace Fulcrum.Calibration;

/// <summary>
/// Reads the error summaries of fit records (the JSON <c>fulcrum calibrate --json</c> writes; the built-in ones are
/// embedded from <c>data/profiles/fits</c>), so <c>fulcrum validate</c> can show cross-validated figures without
/// fitting again.
/// </summary>
public static class FitRecords
{
    private const string Prefix = "fits/";

    /// <summary>Figures of every built-in fit record, by accelerator and metric group.</summary>
    public static IReadOnlyList<CrossValidationFigure> BuiltIn()
    {
        var assembly = typeof(FitRecords).Assembly;
        var figures = new List<CrossValidationFigure>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            figures.AddRange(Parse(reader.ReadToEnd(), name));
        }

        return figures;
    }

    /// <summary>The <c>summaries</c> of one fit record.</summary>
    public static IReadOnlyList<CrossValidationFigure> Parse(string json, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("summaries", out var summaries) || summaries.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"Fit record '{origin}' has no 'summaries' array; write it with 'fulcrum calibrate --json'.");
            }

            return summaries.EnumerateArray().Select(s => new CrossValidationFigure(
                s.GetProperty("accelerator").GetString()!,
                Group(s.GetProperty("metric_group").GetString(), origin),
                s.GetProperty("rows").GetInt32(),
                Optional(s, "default_median_abs_error"),
                Optional(s, "fitted_median_abs_error"),
                Optional(s, "cross_validated_median_abs_error"))).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException($"Fit record '{origin}' is not valid: {e.Message}", e);
        }
    }

    private static MetricGroup Group(string? name, string origin) =>
        Enum.GetValues<MetricGroup>().FirstOrDefault(g => MetricGroups.Name(g) == name) is var g && MetricGroups.Name(g) == name
            ? g
            : throw new InputException($"Fit record '{origin}' names an unknown metric group '{name}'.");

    private static double? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
