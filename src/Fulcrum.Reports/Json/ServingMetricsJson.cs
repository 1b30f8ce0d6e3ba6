using System.Text.Json.Nodes;
using Fulcrum.Metrics;

namespace Fulcrum.Reports.Json;

/// <summary>
/// Writes <see cref="ServingMetrics"/> as the flat fields of a <c>vllm bench serve</c> result file
/// (<c>completed</c>, <c>request_throughput</c>, <c>mean_ttft_ms</c>, <c>p99_itl_ms</c>, ...), so tools that read
/// those files read these, with Fulcrum's extra fields beside them. Missing values are null. Every name is
/// defined in docs/METRICS.md.
/// </summary>
public static class ServingMetricsJson
{
    /// <summary>Latency metrics in output order, with the JSON name of each.</summary>
    private static readonly (string Name, Func<ServingMetrics, LatencySummary?> Select)[] Latencies =
    [
        ("ttft", m => m.Ttft),
        ("tpot", m => m.Tpot),
        ("itl", m => m.Itl),
        ("e2el", m => m.E2el),
        ("queueing_delay", m => m.QueueingDelay),
        ("client_queue_time", m => m.ClientQueueTime),
    ];

    public static void AddTo(JsonObject json, ServingMetrics m)
    {
        // With no request ended (a run stopped before any finished) there is no last end to measure to.
        json["duration"] = m.Requests == 0 ? null : m.DurationSeconds;
        json["completed"] = m.Completed;
        json["failed"] = m.Failed;
        json["rejected"] = m.Rejected;
        json["total_input_tokens"] = m.TotalInputTokens;
        json["total_output_tokens"] = m.TotalOutputTokens;
        json["request_throughput"] = m.RequestThroughput;
        json["request_goodput"] = m.RequestGoodput;
        json["output_throughput"] = m.OutputThroughput;
        json["total_token_throughput"] = m.TotalTokenThroughput;
        json["max_output_tokens_per_s"] = m.MaxOutputTokensPerSecond;
        json["max_concurrent_requests"] = m.MaxConcurrentRequests;
        json["gpus"] = m.Gpus;
        json["request_throughput_per_gpu"] = m.RequestThroughputPerGpu;
        json["output_throughput_per_gpu"] = m.OutputThroughputPerGpu;
        json["total_token_throughput_per_gpu"] = m.TotalTokenThroughputPerGpu;
        json["output_tokens_per_s_per_user"] = m.OutputTokensPerSecondPerUser;
        json["goodput_slo_ms"] = m.Slo is { } slo
            ? new JsonObject { ["ttft"] = Ms(slo.TtftSeconds), ["tpot"] = Ms(slo.TpotSeconds), ["e2el"] = Ms(slo.E2elSeconds) }
            : null;
        foreach (var (name, select) in Latencies)
        {
            AddLatency(json, name, select(m));
        }
    }

    private static void AddLatency(JsonObject json, string metric, LatencySummary? s)
    {
        json[$"mean_{metric}_ms"] = Ms(s?.Mean);
        json[$"median_{metric}_ms"] = Ms(s?.Median);
        json[$"std_{metric}_ms"] = Ms(s?.StandardDeviation);
        json[$"p90_{metric}_ms"] = Ms(s?.P90);
        json[$"p95_{metric}_ms"] = Ms(s?.P95);
        json[$"p99_{metric}_ms"] = Ms(s?.P99);
        json[$"min_{metric}_ms"] = Ms(s?.Min);
        json[$"max_{metric}_ms"] = Ms(s?.Max);
    }

    private static double? Ms(double? seconds) => seconds * 1000.0;
}
