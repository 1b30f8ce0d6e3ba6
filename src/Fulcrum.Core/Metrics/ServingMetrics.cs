namespace Fulcrum.Metrics;

/// <summary>
/// Client-side serving metrics of one run, each defined in docs/METRICS.md. Latencies are in seconds; a rate or
/// statistic that the run gives no data for is null, never 0.
/// </summary>
public sealed record ServingMetrics
{
    /// <summary>Requests in the run, whatever their outcome.</summary>
    public required int Requests { get; init; }

    public required int Completed { get; init; }

    /// <summary>Requests that did not complete: rejected plus failed.</summary>
    public required int Failed { get; init; }

    public required int Rejected { get; init; }

    /// <summary>From the start of the run (time 0) to the end of the last request.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Prompt tokens of the completed requests.</summary>
    public required long TotalInputTokens { get; init; }

    /// <summary>Output tokens of the completed requests.</summary>
    public required long TotalOutputTokens { get; init; }

    /// <summary>Completed requests per second.</summary>
    public required double? RequestThroughput { get; init; }

    /// <summary>Completed requests per second that met every objective; null without objectives.</summary>
    public required double? RequestGoodput { get; init; }

    public required double? OutputThroughput { get; init; }

    public required double? TotalTokenThroughput { get; init; }

    /// <summary>GPUs serving the run, for the per-GPU rates; null when unknown.</summary>
    public required int? Gpus { get; init; }

    public required double? RequestThroughputPerGpu { get; init; }

    public required double? OutputThroughputPerGpu { get; init; }

    public required double? TotalTokenThroughputPerGpu { get; init; }

    /// <summary>Mean over completed requests with two or more output tokens of 1 / TPOT: the decode speed of one user's stream.</summary>
    public required double? OutputTokensPerSecondPerUser { get; init; }

    /// <summary>Maximum output tokens produced within one whole second of the run.</summary>
    public required int? MaxOutputTokensPerSecond { get; init; }

    /// <summary>Maximum completed requests between arrival and end at the same instant.</summary>
    public required int? MaxConcurrentRequests { get; init; }

    public required LatencySummary? Ttft { get; init; }

    public required LatencySummary? Tpot { get; init; }

    public required LatencySummary? Itl { get; init; }

    public required LatencySummary? E2el { get; init; }

    /// <summary>Arrival to first scheduled step; null where the engine's schedule is not observable.</summary>
    public required LatencySummary? QueueingDelay { get; init; }

    /// <summary>Time the client held requests back under a concurrency cap; null without a cap.</summary>
    public required LatencySummary? ClientQueueTime { get; init; }

    /// <summary>The objectives goodput was measured against; null when none were set.</summary>
    public required SloThresholds? Slo { get; init; }
}
