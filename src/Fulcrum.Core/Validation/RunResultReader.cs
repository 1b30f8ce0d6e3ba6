using System.Globalization;
using System.Text.Json;
using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Validation;

/// <summary>
/// Reads a run result (a <c>fulcrum bench</c> or <c>fulcrum simulate</c> JSON file; fields in docs/JSON.md) into
/// measurements: one per metric the file reports, with the deployment and workload the run used, so a user's own
/// runs calibrate the same way as the published table. Metric names follow <c>vllm bench serve</c>'s result file.
/// Only runs with fixed input and output lengths can be rebuilt; anything else is reported as a problem.
/// </summary>
/// <remarks>
/// TODO: align the field names with the result schema of <c>fulcrum simulate</c> and <c>fulcrum bench</c> once it is
/// on main; this reader accepts the metrics at the top level or under <c>metrics</c>.
/// </remarks>
public static class RunResultReader
{
    /// <summary>Metric fields read, with the measurement metric and statistic each becomes and the factor to its unit.</summary>
    private static readonly (string Field, string Metric, string Statistic, double Scale)[] MetricFields =
    [
        ("output_throughput", "output_tok_per_s", "aggregate", 1),
        ("total_token_throughput", "total_tok_per_s", "aggregate", 1),
        ("request_throughput", "requests_per_s", "aggregate", 1),
        ("mean_ttft_ms", "ttft_ms", "mean", 1), ("median_ttft_ms", "ttft_ms", "median", 1), ("p90_ttft_ms", "ttft_ms", "p90", 1), ("p99_ttft_ms", "ttft_ms", "p99", 1),
        ("mean_tpot_ms", "tpot_ms", "mean", 1), ("median_tpot_ms", "tpot_ms", "median", 1), ("p90_tpot_ms", "tpot_ms", "p90", 1), ("p99_tpot_ms", "tpot_ms", "p99", 1),
        ("mean_itl_ms", "itl_ms", "mean", 1), ("median_itl_ms", "itl_ms", "median", 1), ("p90_itl_ms", "itl_ms", "p90", 1), ("p99_itl_ms", "itl_ms", "p99", 1),
        ("mean_e2el_ms", "e2e_latency_s", "mean", 1e-3), ("median_e2el_ms", "e2e_latency_s", "median", 1e-3), ("p90_e2el_ms", "e2e_latency_s", "p90", 1e-3), ("p99_e2el_ms", "e2e_latency_s", "p99", 1e-3),
    ];

    public static MeasurementSet ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read result file '{path}': {e.Message}. Check the path given to --bench-results.", e);
        }

        return Parse(text, path);
    }

    /// <summary>The measurements of one result file; a file that is not a usable result gives one problem and no rows.</summary>
    public static MeasurementSet Parse(string json, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InputException($"Result file '{origin}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var rows = new List<Measurement>();
            var problem = Read(root, origin, rows);
            return new MeasurementSet(origin, rows, problem is null ? [] : [new MeasurementProblem(1, null, problem)]);
        }
    }

    private static string? Read(JsonElement root, string origin, List<Measurement> rows)
    {
        if (root.ValueKind != JsonValueKind.Object || !Object(root, "deployment", out var deployment) || !Object(root, "workload", out var workload))
        {
            return "the file needs 'deployment' and 'workload' objects, as fulcrum simulate and fulcrum bench write them";
        }

        var model = Text(deployment, "model");
        var accelerator = Text(deployment, "accelerator") ?? Text(deployment, "gpu");
        var (tp, pp, dp) = (Int(deployment, "tp") ?? 1, Int(deployment, "pp") ?? 1, Int(deployment, "dp") ?? 1);
        var gpus = Int(deployment, "gpus") ?? (tp * pp * dp);
        var isl = Int(workload, "input_len");
        var osl = Int(workload, "output_len");
        var prompts = Int(workload, "num_prompts") ?? Int(root.TryGetProperty("metrics", out var m) ? m : root, "completed");
        var missing = new[] { ("deployment.model", model is null), ("deployment.accelerator", accelerator is null), ("workload.input_len", isl is null), ("workload.output_len", osl is null), ("workload.num_prompts", prompts is null) }
            .Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            return $"missing or not a positive whole number: {string.Join(", ", missing)} (only runs of fixed input and output lengths can be rebuilt)";
        }

        if (tp * pp * dp != gpus)
        {
            return $"tp × pp × dp = {tp} × {pp} × {dp} contradicts gpus {gpus}";
        }

        var rate = Number(workload, "request_rate");
        var concurrency = Int(workload, "max_concurrency");
        var run = new RunSettings
        {
            NumPrompts = prompts!.Value,
            MaxConcurrency = concurrency,
            RequestRate = rate is > 0 && double.IsFinite(rate.Value) ? rate : null,
            Burstiness = Number(workload, "burstiness") ?? 1.0,
            MaxNumSeqs = Int(deployment, "max_num_seqs"),
            MaxNumBatchedTokens = Int(deployment, "max_num_batched_tokens"),
            MaxModelLength = Int(deployment, "max_model_len"),
            BatchingPolicy = Policy(Text(deployment, "batching_policy")),
            ChunkedPrefill = deployment.TryGetProperty("enable_chunked_prefill", out var chunked) && chunked.ValueKind is JsonValueKind.True or JsonValueKind.False ? chunked.GetBoolean() : null,
            GpuMemoryUtilization = Number(deployment, "gpu_memory_utilization"),
            Seed = Int(workload, "seed") ?? 0,
        };
        var metrics = root.TryGetProperty("metrics", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
        var serving = run.RequestRate is not null || run.MaxConcurrency is not null;
        var title = Text(root, "source") ?? Path.GetFileName(origin);
        foreach (var (field, metric, statistic, scale) in MetricFields)
        {
            if (Number(metrics, field) is not { } value || !(value > 0))
            {
                continue;
            }

            rows.Add(new Measurement
            {
                Id = $"{Path.GetFileName(origin)}#{field}",
                Line = 1,
                SourceUrl = origin,
                SourceTitle = title,
                Hardware = accelerator!,
                GpuCount = gpus,
                Engine = Text(deployment, "engine") ?? "vLLM",
                EngineVersion = Text(deployment, "engine_version"),
                Model = model!,
                WeightDtype = Text(deployment, "weights") ?? "bf16",
                KvDtype = Text(deployment, "kv_cache"),
                Tp = tp,
                Pp = pp,
                Dp = dp,
                Isl = isl,
                IslText = isl!.Value.ToString(CultureInfo.InvariantCulture),
                Osl = osl,
                OslText = osl!.Value.ToString(CultureInfo.InvariantCulture),
                BatchOrConcurrency = run.NumPrompts.ToString(CultureInfo.InvariantCulture) + " prompts",
                RequestRate = run.RequestRate?.ToString(CultureInfo.InvariantCulture),
                Scenario = serving ? "server" : "offline",
                Metric = metric,
                Statistic = statistic,
                Value = value * scale,
                Run = run,
            });
        }

        return rows.Count == 0 ? "the file reports none of the metrics read (output_throughput, mean_ttft_ms, ...)" : null;
    }

    private static BatchingPolicy? Policy(string? text) => text?.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
    {
        null => null,
        "VLLMV1" => BatchingPolicy.VllmV1,
        "PREFILLFIRST" => BatchingPolicy.PrefillFirst,
        "STATIC" => BatchingPolicy.Static,
        _ => throw new InputException($"Unknown batching_policy '{text}' in a result file; use vllm_v1, prefill_first or static."),
    };

    private static bool Object(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : null;
}
