using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study;

/// <summary>
/// One point of the static-batch grid: <see cref="BatchSize"/> identical requests of <see cref="InputTokens"/> prompt
/// and <see cref="OutputTokens"/> output tokens sent at once to a split and run to completion. A batch whose KV cache
/// does not fit is not simulated: its <see cref="Run"/> and <see cref="Time"/> are null.
/// </summary>
public sealed record StaticPoint
{
    public required Split Split { get; init; }

    public required int InputTokens { get; init; }

    public required int OutputTokens { get; init; }

    /// <summary>Requests in the batch, over all replicas (round-robin, so each replica runs batch / DP, rounded up).</summary>
    public required int BatchSize { get; init; }

    /// <summary>Maximum requests of this length that the KV caches of all replicas have room for at once.</summary>
    public required int LargestBatch { get; init; }

    /// <summary>Latencies, throughputs and KV occupancy of the run; null when the batch does not fit.</summary>
    public RunSummary? Run { get; init; }

    /// <summary>GPU time by category and phase; null when the batch does not fit.</summary>
    public TimeBreakdown? Time { get; init; }

    public bool Fits => Run is not null;

    public int Gpus => Split.Gpus;

    /// <summary>Output tokens/s of the node divided by its GPUs; null when not run.</summary>
    public double? OutputThroughputPerGpu => Run is { } run ? run.OutputThroughput / Gpus : null;

    /// <summary>Prompt plus output tokens/s of the node divided by its GPUs; null when not run.</summary>
    public double? TotalThroughputPerGpu => Run is { } run ? run.TotalTokenThroughput / Gpus : null;

    /// <summary>A latency statistic in ms; null when not run or undefined (TPOT of one-token outputs).</summary>
    public double? LatencyMs(SloMetric metric, SloStatistic statistic = SloStatistic.Mean) => Run?.Latency(metric, statistic);
}
