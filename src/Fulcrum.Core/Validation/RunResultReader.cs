using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Validation;

/// <summary>
/// Reads the JSON results of <c>fulcrum simulate --json</c> and <c>fulcrum bench --json</c> (one run, or the array of
/// a sweep; fields in docs/JSON.md) into measurements: one per metric a run reports, with the deployment and
/// workload it ran, so a user's own runs calibrate the same way as the published table. A simulate result names its
/// deployment; a bench result measured an endpoint and does not, so <see cref="RunDefaults"/> fills it in. Only runs
/// of fixed input and output lengths can be rebuilt; any other run is reported as a problem.
/// </summary>
public static partial class RunResultReader
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

    public static MeasurementSet ReadFile(string path, RunDefaults? defaults = null)
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

        return Parse(text, path, defaults);
    }

    /// <summary>
    /// The measurements of one result file. Each run that cannot be rebuilt gives one problem, numbered by its place
    /// in a sweep array (1 for a single run), and no rows.
    /// </summary>
    public static MeasurementSet Parse(string json, string origin, RunDefaults? defaults = null)
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
            var runs = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var rows = new List<Measurement>();
            var problems = new List<MeasurementProblem>();
            for (var i = 0; i < runs.Count; i++)
            {
                var id = runs.Count == 1 ? Path.GetFileName(origin) : $"{Path.GetFileName(origin)}[{i}]";
                var problem = Read(runs[i], origin, id, defaults ?? new RunDefaults(), rows);
                if (problem is not null)
                {
                    problems.Add(new MeasurementProblem(i + 1, id, problem));
                }
            }

            return new MeasurementSet(origin, rows, problems);
        }
    }

    private static string? Read(JsonElement run, string origin, string id, RunDefaults defaults, List<Measurement> rows)
    {
        if (run.ValueKind != JsonValueKind.Object)
        {
            return "a run must be a JSON object, as fulcrum simulate and fulcrum bench write it";
        }

        var engine = run.TryGetProperty("engine", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var model = defaults.Model ?? Text(run, "model_id");
        var accelerator = Text(run, "accelerator") ?? defaults.Accelerator;
        var (tp, pp, dp) = (Int(run, "tp") ?? defaults.Tp, Int(run, "pp") ?? defaults.Pp, Int(run, "dp") ?? defaults.Dp);
        var gpus = Int(run, "gpus") ?? (tp * pp * dp);
        var (isl, osl) = Lengths(run);
        var prompts = Int(run, "num_prompts") ?? Int(run, "completed");
        var missing = new[] { ("model_id", model is null), ("accelerator", accelerator is null), ("num_prompts", prompts is null) }
            .Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            return $"missing {string.Join(", ", missing)}; a bench result needs --model and --gpu on the command line";
        }

        if (isl is null || osl is null)
        {
            return $"the workload '{Text(run, "workload")}' has no fixed input and output lengths; only fixed-length runs can be rebuilt";
        }

        if (tp * pp * dp != gpus)
        {
            return $"tp × pp × dp = {tp} × {pp} × {dp} contradicts gpus {gpus}";
        }

        var settings = Settings(run, engine, prompts!.Value);
        var serving = settings.RequestRate is not null || settings.MaxConcurrency is not null;
        var title = Text(run, "backend") is { } backend ? $"{Path.GetFileName(origin)} ({backend})" : Path.GetFileName(origin);
        var before = rows.Count;
        foreach (var (field, metric, statistic, scale) in MetricFields)
        {
            if (Number(run, field) is not { } value || !(value > 0))
            {
                continue;
            }

            rows.Add(new Measurement
            {
                Id = $"{id}#{field}",
                Line = 1,
                SourceUrl = origin,
                SourceTitle = title,
                Hardware = accelerator!,
                GpuCount = gpus,
                Engine = "vLLM",
                Model = model!,
                WeightDtype = Text(run, "weights") ?? defaults.Weights,
                KvDtype = Text(run, "kv_cache_dtype") ?? defaults.KvCache,
                Tp = tp,
                Pp = pp,
                Dp = dp,
                Isl = isl,
                IslText = isl.Value.ToString(CultureInfo.InvariantCulture),
                Osl = osl,
                OslText = osl.Value.ToString(CultureInfo.InvariantCulture),
                BatchOrConcurrency = settings.NumPrompts.ToString(CultureInfo.InvariantCulture) + " prompts",
                RequestRate = settings.RequestRate?.ToString(CultureInfo.InvariantCulture),
                Scenario = serving ? "server" : "offline",
                Metric = metric,
                Statistic = statistic,
                Value = value * scale,
                Run = settings,
            });
        }

        return rows.Count == before ? "the run reports none of the metrics read (output_throughput, mean_ttft_ms, ...)" : null;
    }

    private static RunSettings Settings(JsonElement run, JsonElement engine, int prompts)
    {
        var hasEngine = engine.ValueKind == JsonValueKind.Object;
        var rate = Number(run, "request_rate");
        return new RunSettings
        {
            NumPrompts = prompts,
            MaxConcurrency = Int(run, "max_concurrency"),
            RequestRate = rate is > 0 && double.IsFinite(rate.Value) ? rate : null,
            Burstiness = Number(run, "burstiness") ?? 1.0,
            MaxNumSeqs = hasEngine ? Int(engine, "max_num_seqs") : null,
            MaxNumBatchedTokens = hasEngine ? Int(engine, "max_num_batched_tokens") : null,
            MaxModelLength = hasEngine ? Int(engine, "max_model_len") : null,
            BatchingPolicy = hasEngine ? Policy(Text(engine, "batching_policy")) : null,
            ChunkedPrefill = hasEngine && engine.TryGetProperty("enable_chunked_prefill", out var chunked) && chunked.ValueKind is JsonValueKind.True or JsonValueKind.False ? chunked.GetBoolean() : null,
            GpuMemoryUtilization = hasEngine ? Number(engine, "gpu_memory_utilization") : null,
            Seed = Int(run, "seed") ?? 0,
        };
    }

    /// <summary>
    /// Fixed input and output lengths: <c>input_len</c> and <c>output_len</c> when present, else the "input 1024,
    /// output 128" of the workload description, which names a length distribution there when lengths vary.
    /// </summary>
    private static (int? Input, int? Output) Lengths(JsonElement run)
    {
        if (Int(run, "input_len") is { } input && Int(run, "output_len") is { } output)
        {
            return (input, output);
        }

        var match = FixedLengths().Match(Text(run, "workload") ?? string.Empty);
        return match.Success
            ? (int.Parse(match.Groups["input"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["output"].Value, CultureInfo.InvariantCulture))
            : (null, null);
    }

    private static BatchingPolicy? Policy(string? text) => text?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
    {
        null => null,
        "VLLMV1" => BatchingPolicy.VllmV1,
        "PREFILLFIRST" => BatchingPolicy.PrefillFirst,
        "STATIC" => BatchingPolicy.Static,
        _ => throw new InputException($"Unknown batching_policy '{text}' in a result file; use vllm-v1, prefill-first or static."),
    };

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : null;

    [GeneratedRegex(@"input (?<input>\d+), output (?<output>\d+)(,|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FixedLengths();
}
