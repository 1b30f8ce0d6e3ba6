using System.Text.Json.Nodes;
using Fulcrum.Errors;

namespace Fulcrum.Reports.Comparison;

/// <summary>
/// A predicted result (<c>fulcrum simulate --json</c>) beside a measured one (<c>fulcrum bench --json</c>), metric
/// by metric. Both files use the same flat <c>vllm bench serve</c> field names, so any such file can be compared.
/// </summary>
public sealed class ResultComparison
{
    /// <summary>Metrics compared, in report order; fields missing from both files are left out.</summary>
    public static readonly IReadOnlyList<string> MetricNames = BuildNames();

    /// <summary>Workload fields that must agree for the comparison to mean anything.</summary>
    private static readonly string[] WorkloadFields = ["num_prompts", "request_rate", "burstiness", "max_concurrency", "workload"];

    private ResultComparison(string predictedPath, string measuredPath, string? workload, IReadOnlyList<MetricComparison> metrics, SimulatedRun? simulated, IReadOnlyList<string> warnings)
    {
        Warnings = warnings;
        PredictedPath = predictedPath;
        MeasuredPath = measuredPath;
        Workload = workload;
        Metrics = metrics;
        Simulated = simulated;
    }

    public string PredictedPath { get; }

    public string MeasuredPath { get; }

    /// <summary>The workload description both files share.</summary>
    public string? Workload { get; }

    public IReadOnlyList<MetricComparison> Metrics { get; }

    /// <summary>What was simulated to make the prediction; null when the prediction was read from a result file.</summary>
    public SimulatedRun? Simulated { get; }

    /// <summary>Reasons the comparison may mislead, such as a measured run that stopped early; empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Reads both files and pairs their metrics. Throws <see cref="InputException"/> for an unreadable file, one that
    /// is not a single result object, or workloads that differ (unless <paramref name="allowMismatch"/>).
    /// </summary>
    public static ResultComparison Read(string predictedPath, string measuredPath, bool allowMismatch = false)
    {
        var predicted = ComparisonFile.Read(predictedPath, "PREDICTED");
        var measured = ComparisonFile.Read(measuredPath, "MEASURED");
        foreach (var (file, role) in new[] { (predicted, "PREDICTED"), (measured, "MEASURED") })
        {
            if (file.Kind != ComparisonFileKind.Result)
            {
                throw new InputException($"{role} {file.Path}: a plan, not a serving result; pass a file written by fulcrum simulate --json or fulcrum bench --json.");
            }
        }

        return Compare(predicted.Json, predicted.Path, measured.Json, measured.Path, allowMismatch, simulated: null);
    }

    /// <summary>
    /// Pairs the metrics of two result objects. Unless <paramref name="allowMismatch"/>, throws
    /// <see cref="InputException"/> when their workload fields differ.
    /// </summary>
    internal static ResultComparison Compare(JsonObject predicted, string predictedPath, JsonObject measured, string measuredPath, bool allowMismatch, SimulatedRun? simulated)
    {
        if (!allowMismatch)
        {
            foreach (var (file, path) in new[] { (predicted, predictedPath), (measured, measuredPath) })
            {
                if (file["prompts_from_file"] is JsonValue fromFile && fromFile.TryGetValue<bool>(out var yes) && yes)
                {
                    throw new InputException(
                        $"{path} sent prompts from a --prompts file, whose lengths the other file's workload does not share. "
                        + "Compare a plan with the run's --records RUNS.jsonl instead, or pass --allow-mismatch.");
                }
            }

            foreach (var field in WorkloadFields)
            {
                var a = predicted[field]?.ToJsonString();
                var b = measured[field]?.ToJsonString();
                if (a != b)
                {
                    throw new InputException(
                        $"{predictedPath} and {measuredPath} ran different workloads: {field} is {a ?? "null"} in one and {b ?? "null"} in the other. "
                        + "Run both with the same workload flags, or pass --allow-mismatch.");
                }
            }
        }

        var metrics = MetricNames
            .Select(name => new MetricComparison(name, Number(predicted, name), Number(measured, name)))
            .Where(m => m.Predicted is not null || m.Measured is not null)
            .ToList();
        var workload = predicted["workload"] is JsonValue text && text.TryGetValue<string>(out var description) ? description : null;
        List<string> warnings = [.. StopWarnings(predicted, predictedPath), .. StopWarnings(measured, measuredPath)];
        return new ResultComparison(predictedPath, measuredPath, workload, metrics, simulated, warnings);
    }

    /// <summary>A warning when a bench result stopped before its workload ended, with how many planned requests ran.</summary>
    private static IEnumerable<string> StopWarnings(JsonObject result, string path)
    {
        if (result["interrupted"] is not JsonValue flag || !flag.TryGetValue<bool>(out var interrupted) || !interrupted)
        {
            yield break;
        }

        var reason = result["stop_reason"] is JsonValue r && r.TryGetValue<string>(out var text) && text == "failure_threshold"
            ? "stopped when failures passed --max-failures"
            : "was interrupted (Ctrl-C)";
        yield return $"{path} {reason}: {Count(result, "sent_requests")} of {Count(result, "num_prompts")} planned requests were sent "
            + $"and {Count(result, "completed")} completed, so its metrics cover only part of the workload.";
    }

    private static string Count(JsonObject json, string name) =>
        Number(json, name) is { } value ? value.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "an unknown number";

    private static double? Number(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static List<string> BuildNames()
    {
        List<string> names = ["duration", "completed", "failed", "total_input_tokens", "total_output_tokens", "request_throughput", "request_goodput",
            "output_throughput", "total_token_throughput", "max_output_tokens_per_s", "output_tokens_per_s_per_user"];
        foreach (var metric in new[] { "ttft", "tpot", "itl", "e2el" })
        {
            foreach (var statistic in new[] { "mean", "median", "p90", "p95", "p99" })
            {
                names.Add($"{statistic}_{metric}_ms");
            }
        }

        return names;
    }
}
