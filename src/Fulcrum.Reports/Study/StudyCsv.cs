using Fulcrum.Planning;
using Fulcrum.Reports.Csv;
using Fulcrum.Specs.Precisions;
using Fulcrum.Study;

namespace Fulcrum.Reports.Study;

/// <summary>
/// CSV tables of a study: every static-batch point of every model (fitting or not), and every online run. Latencies
/// in ms, throughputs per second, GPU time in stage-seconds; a point that was not run has empty metric fields.
/// </summary>
public static class StudyCsv
{
    public static IReadOnlyList<string> GridHeader { get; } =
    [
        "model", "weights", "kv_cache", "tp", "pp", "dp", "gpus", "input_tokens", "output_tokens", "batch_size", "largest_batch", "fits",
        "ttft_mean_ms", "ttft_p99_ms", "tpot_mean_ms", "tpot_p99_ms", "itl_p99_ms", "e2e_mean_ms", "e2e_p99_ms",
        "request_throughput_per_s", "output_tokens_per_s", "total_tokens_per_s", "output_tokens_per_s_per_gpu", "total_tokens_per_s_per_gpu",
        "mean_kv_cache_usage", "peak_kv_cache_usage",
        "gemm_compute_s", "gemm_weight_reads_s", "attention_s", "elementwise_s", "tp_collectives_s", "pp_transfers_s", "step_overhead_s", "pipeline_bubbles_s",
        "prefill_steps_s", "decode_steps_s",
        .. Bottlenecks.All.Select(b => b.Name().Replace(' ', '_') + "_share"),
        "dominant_bottleneck",
    ];

    public static IReadOnlyList<string> OnlineHeader { get; } =
    [
        "model", "weights", "kv_cache", "tp", "pp", "dp", "gpus", "workload", "offered_requests_per_s", "sustained", "completed", "rejected",
        "request_throughput_per_s", "output_tokens_per_s", "output_tokens_per_s_per_gpu",
        "ttft_p50_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p99_ms", "e2e_p50_ms", "e2e_p99_ms",
        "mean_kv_cache_usage", "peak_kv_cache_usage", "preemptions", "bubble_fraction", "skip_reason",
    ];

    /// <summary>One row per static point, models in result order, points in grid order.</summary>
    public static IEnumerable<IReadOnlyList<object?>> GridRows(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var study in result.Models)
        {
            foreach (var p in study.Grid.Points)
            {
                yield return GridRow(study, p);
            }
        }
    }

    /// <summary>One row per online run; a saturated run has an empty offered rate, a split that was not run one row with its reason.</summary>
    public static IEnumerable<IReadOnlyList<object?>> OnlineRows(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var study in result.Models)
        {
            foreach (var curve in study.Online)
            {
                var key = Key(study, curve.Split);
                if (curve.SkipReason is not null)
                {
                    yield return [.. key, curve.Workload, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, curve.SkipReason];
                    continue;
                }

                if (curve.Saturated is { } saturated)
                {
                    yield return OnlineRow(key, curve, null, null, saturated);
                }

                foreach (var point in curve.Points)
                {
                    yield return OnlineRow(key, curve, point.RequestRate, point.Sustained, point.Run);
                }
            }
        }
    }

    public static void Save(StudyResult result, string gridPath, string onlinePath)
    {
        CsvWriter.Save(gridPath, GridHeader, GridRows(result));
        CsvWriter.Save(onlinePath, OnlineHeader, OnlineRows(result));
    }

    private static object?[] Key(ModelStudy study, Fulcrum.Specs.Deployments.Split split) =>
        [study.Model.Name, study.Weights.Name(), study.KvCache.Name(), split.Tp, split.Pp, split.Dp, split.Gpus];

    private static IReadOnlyList<object?> GridRow(ModelStudy study, StaticPoint p)
    {
        var run = p.Run;
        var time = p.Time;
        var total = time is { } t ? t.Prefill + t.Decode : default;
        return
        [
            .. Key(study, p.Split), p.InputTokens, p.OutputTokens, p.BatchSize, p.LargestBatch, p.Fits,
            p.LatencyMs(SloMetric.Ttft), p.LatencyMs(SloMetric.Ttft, SloStatistic.P99), p.LatencyMs(SloMetric.Tpot), p.LatencyMs(SloMetric.Tpot, SloStatistic.P99),
            p.LatencyMs(SloMetric.Itl, SloStatistic.P99), p.LatencyMs(SloMetric.E2e), p.LatencyMs(SloMetric.E2e, SloStatistic.P99),
            run?.RequestThroughput, run?.OutputThroughput, run?.TotalTokenThroughput, p.OutputThroughputPerGpu, p.TotalThroughputPerGpu,
            run?.MeanKvOccupancy, run?.PeakKvOccupancy,
            time is null ? null : total.GemmComputeSeconds, time is null ? null : total.GemmMemorySeconds, time is null ? null : total.AttentionSeconds,
            time is null ? null : total.ElementwiseSeconds, time is null ? null : total.CollectiveSeconds, time is null ? null : total.PointToPointSeconds,
            time is null ? null : total.OverheadSeconds, time?.BubbleSeconds,
            time?.Prefill.TotalSeconds, time?.Decode.TotalSeconds,
            .. Bottlenecks.All.Select(b => (object?)time?.Share(b)),
            time?.Dominant?.Name(),
        ];
    }

    private static IReadOnlyList<object?> OnlineRow(object?[] key, OnlineCurve curve, double? rate, bool? sustained, RunSummary run) =>
    [
        .. key, curve.Workload, rate, sustained, run.Completed, run.Rejected,
        run.RequestThroughput, run.OutputThroughput, run.OutputThroughput / curve.Split.Gpus,
        run.Latency(SloMetric.Ttft, SloStatistic.P50), run.Latency(SloMetric.Ttft, SloStatistic.P99),
        run.Latency(SloMetric.Tpot, SloStatistic.P50), run.Latency(SloMetric.Tpot, SloStatistic.P99),
        run.Latency(SloMetric.E2e, SloStatistic.P50), run.Latency(SloMetric.E2e, SloStatistic.P99),
        run.MeanKvOccupancy, run.PeakKvOccupancy, run.Preemptions, run.BubbleFraction, null,
    ];
}
