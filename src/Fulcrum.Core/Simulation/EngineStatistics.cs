using Fulcrum.Performance;

namespace Fulcrum.Simulation;

/// <summary>
/// Server-side facts of a run that clients cannot see: steps, how busy the GPUs were and on what, pipeline bubbles,
/// KV-cache occupancy, queue length, preemptions and rejections. Defined in docs/METRICS.md. Ratios over a run
/// of zero length are null.
/// </summary>
public sealed record EngineStatistics
{
    public required int Replicas { get; init; }

    /// <summary>Pipeline stages per replica (PP).</summary>
    public required int Stages { get; init; }

    public required long KvCacheBlocksPerReplica { get; init; }

    public required long KvCacheTokensPerReplica { get; init; }

    /// <summary>Engine steps (micro-batches) over all replicas.</summary>
    public required long Steps { get; init; }

    /// <summary>Prompt tokens computed, counting recomputation after preemption.</summary>
    public required long PrefillTokens { get; init; }

    /// <summary>Decode tokens computed: one per decoding sequence per step.</summary>
    public required long DecodeTokens { get; init; }

    /// <summary>Mean sequences per step; null without steps.</summary>
    public required double? MeanBatchSequences { get; init; }

    /// <summary>Mean new tokens per step; null without steps.</summary>
    public required double? MeanBatchTokens { get; init; }

    /// <summary>Mean decoding sequences over the steps that decode; null when none did.</summary>
    public required double? MeanDecodeBatchSequences { get; init; }

    /// <summary>
    /// Stage-seconds of work by category, summed over every stage of every step, with the transfers between
    /// stages as point-to-point time.
    /// </summary>
    public required StepCost BusyTime { get; init; }

    /// <summary>Share of GPU time spent computing: compute stage-seconds / (stages × replicas × duration).</summary>
    public required double? GpuUtilization { get; init; }

    /// <summary>Stage-seconds a stage sat idle while its replica had a step in the pipeline; 0 without PP.</summary>
    public required double BubbleSeconds { get; init; }

    /// <summary>Bubble stage-seconds over all stage-seconds with a step in the pipeline; null if nothing ran.</summary>
    public required double? BubbleFraction { get; init; }

    /// <summary>Time-weighted mean fraction of all KV blocks in use.</summary>
    public required double? MeanKvCacheUsage { get; init; }

    public required double MaxKvCacheUsage { get; init; }

    /// <summary>KV usage over time in up to 64 equal windows.</summary>
    public required IReadOnlyList<TimePoint> KvCacheUsageSeries { get; init; }

    /// <summary>Time-weighted mean number of requests waiting for their first step, all replicas together.</summary>
    public required double? MeanQueueLength { get; init; }

    public required int MaxQueueLength { get; init; }

    /// <summary>Times a running request lost its KV blocks to make room, to be recomputed later.</summary>
    public required long Preemptions { get; init; }

    /// <summary>Requests preempted at least once.</summary>
    public required int PreemptedRequests { get; init; }

    /// <summary>Requests rejected because prompt plus output exceeds the maximum model length.</summary>
    public required int RejectedTooLong { get; init; }

    /// <summary>Requests rejected because their KV cache would not fit even in an empty replica.</summary>
    public required int RejectedOverKvCapacity { get; init; }
}
