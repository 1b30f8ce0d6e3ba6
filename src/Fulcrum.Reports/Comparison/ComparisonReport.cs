using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Fulcrum.Reports.Comparison;

/// <summary>Writes a <see cref="ResultComparison"/> as a console table, Markdown and JSON.</summary>
public static class ComparisonReport
{
    public static Table Table(ResultComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var table = new Table().Title("Predicted vs measured").AddColumns("Metric", "Predicted", "Measured", "Relative error");
        foreach (var m in comparison.Metrics)
        {
            table.AddRow(m.Name, Value(m.Predicted), Value(m.Measured), Percent(m.RelativeError));
        }

        return table;
    }

    public static string Markdown(ResultComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine("# Predicted vs measured");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Predicted: `{comparison.PredictedPath}`. Measured: `{comparison.MeasuredPath}`.");
        if (comparison.Simulated is { } simulated)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Simulated {simulated.Configuration}.");
            text.AppendLine(CultureInfo.InvariantCulture, $"Simulated workload: {simulated.Workload}.");
        }
        else if (comparison.Workload is { } workload)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Workload: {workload}.");
        }

        text.AppendLine("Relative error is (predicted − measured) / measured.");
        foreach (var warning in comparison.Warnings)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"> **Warning:** {warning}");
        }
        text.AppendLine();
        text.AppendLine("| Metric | Predicted | Measured | Relative error |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var m in comparison.Metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Name} | {Value(m.Predicted)} | {Value(m.Measured)} | {Percent(m.RelativeError)} |");
        }

        return text.ToString();
    }

    public static JsonObject Json(ResultComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var metrics = new JsonArray();
        foreach (var m in comparison.Metrics)
        {
            metrics.Add(new JsonObject
            {
                ["name"] = m.Name,
                ["predicted"] = m.Predicted,
                ["measured"] = m.Measured,
                ["relative_error"] = m.RelativeError,
            });
        }

        return new JsonObject
        {
            ["predicted_file"] = comparison.PredictedPath,
            ["measured_file"] = comparison.MeasuredPath,
            ["workload"] = comparison.Workload,
            ["simulated_configuration"] = comparison.Simulated?.Configuration,
            ["simulated_workload"] = comparison.Simulated?.Workload,
            ["warnings"] = new JsonArray([.. comparison.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
            ["metrics"] = metrics,
        };
    }

    private static string Value(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Percent(double? value) => value?.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) ?? "n/a";
}
