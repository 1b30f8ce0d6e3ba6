using System.Text.Json.Nodes;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Precisions;
using Fulcrum.Text;
using Fulcrum.Workloads;

namespace Fulcrum.Reports.Json;

/// <summary>
/// JSON document of <c>fulcrum simulate</c>: the flat <c>vllm bench serve</c> result fields first (via
/// <see cref="ServingMetricsJson"/>), then the deployment, engine settings and engine statistics. Field names are
/// defined in docs/METRICS.md; missing values are null. The document holds no wall-clock time, so the same inputs
/// give the same bytes.
/// </summary>
public static class SimulationJson
{
    /// <param name="spec">The workload spec, for the rate, burstiness and seed fields; null when the workload was given as a list.</param>
    public static JsonObject From(SimulationResult result, WorkloadSpec? spec)
    {
        var config = result.Config;
        var d = config.Deployment;
        var rate = spec?.Arrival as ArrivalProcess.Rate;
        var json = new JsonObject
        {
            ["backend"] = "fulcrum-simulator",
            ["model_id"] = d.Model.Name,
            ["accelerator"] = d.Accelerator.Name,
            ["tp"] = d.Tp,
            ["pp"] = d.Pp,
            ["dp"] = d.Dp,
            ["weights"] = d.Weights.Name(),
            ["kv_cache_dtype"] = d.KvCache.Name(),
            ["num_prompts"] = result.Requests.Count,
            ["request_rate"] = rate?.RequestsPerSecond,
            ["burstiness"] = rate?.Burstiness is { } b && double.IsFinite(b) ? b : null,
            ["max_concurrency"] = config.Workload.MaxConcurrency,
            ["seed"] = spec?.Seed,
            ["trace"] = spec?.Trace?.Name,
            ["workload"] = config.Workload.Description,
            ["workload_spec"] = spec is null ? null : WorkloadSpecJson.Write(spec),
        };
        ServingMetricsJson.AddTo(json, result.Metrics);
        json["engine"] = Engine(config);
        json["engine_stats"] = EngineStats(result.Engine);
        return json;
    }

    public static string Serialize(JsonObject json) => json.ToJsonString(JsonOutput.Options);

    private static JsonObject Engine(SimulationConfig config)
    {
        var e = config.Deployment.Engine;
        return new JsonObject
        {
            ["batching_policy"] = EnumNames.Kebab(e.BatchingPolicy),
            ["max_num_seqs"] = e.MaxNumSeqs,
            ["max_num_batched_tokens"] = e.MaxNumBatchedTokens,
            ["enable_chunked_prefill"] = e.ChunkedPrefill,
            ["long_prefill_token_threshold"] = e.LongPrefillTokenThreshold,
            ["max_long_partial_prefills"] = e.MaxLongPartialPrefills,
            ["block_size"] = e.BlockSize,
            ["max_model_len"] = config.Deployment.MaxModelLength,
            ["gpu_memory_utilization"] = e.GpuMemoryUtilization,
            ["router"] = EnumNames.Kebab(config.Router),
        };
    }

    private static JsonObject EngineStats(EngineStatistics s)
    {
        var series = new JsonArray();
        foreach (var point in s.KvCacheUsageSeries)
        {
            series.Add(new JsonObject { ["time_s"] = point.TimeSeconds, ["usage"] = point.Value });
        }

        return new JsonObject
        {
            ["replicas"] = s.Replicas,
            ["stages"] = s.Stages,
            ["steps"] = s.Steps,
            ["prefill_tokens"] = s.PrefillTokens,
            ["decode_tokens"] = s.DecodeTokens,
            ["mean_batch_sequences"] = s.MeanBatchSequences,
            ["mean_batch_tokens"] = s.MeanBatchTokens,
            ["mean_decode_batch_sequences"] = s.MeanDecodeBatchSequences,
            ["gpu_utilization"] = s.GpuUtilization,
            ["bubble_s"] = s.BubbleSeconds,
            ["bubble_fraction"] = s.BubbleFraction,
            ["busy_time_s"] = BusyTime(s.BusyTime),
            ["kv_cache_blocks_per_replica"] = s.KvCacheBlocksPerReplica,
            ["kv_cache_tokens_per_replica"] = s.KvCacheTokensPerReplica,
            ["mean_kv_cache_usage"] = s.MeanKvCacheUsage,
            ["max_kv_cache_usage"] = s.MaxKvCacheUsage,
            ["kv_cache_usage_series"] = series,
            ["mean_queue_length"] = s.MeanQueueLength,
            ["max_queue_length"] = s.MaxQueueLength,
            ["preemptions"] = s.Preemptions,
            ["preempted_requests"] = s.PreemptedRequests,
            ["rejected_too_long"] = s.RejectedTooLong,
            ["rejected_over_kv_capacity"] = s.RejectedOverKvCapacity,
        };
    }

    private static JsonObject BusyTime(StepCost c) => new()
    {
        ["gemm_compute_s"] = c.GemmComputeSeconds,
        ["gemm_memory_s"] = c.GemmMemorySeconds,
        ["attention_s"] = c.AttentionSeconds,
        ["elementwise_s"] = c.ElementwiseSeconds,
        ["collective_s"] = c.CollectiveSeconds,
        ["point_to_point_s"] = c.PointToPointSeconds,
        ["overhead_s"] = c.OverheadSeconds,
        ["total_s"] = c.TotalSeconds,
    };
}
