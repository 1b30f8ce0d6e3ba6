using Fulcrum.Metrics;

namespace Fulcrum.Simulation;

/// <summary>What a simulation produced: client-side metrics, engine statistics and every request's timeline.</summary>
public sealed record SimulationResult
{
    public required SimulationConfig Config { get; init; }

    public required ServingMetrics Metrics { get; init; }

    public required EngineStatistics Engine { get; init; }

    /// <summary>Every request in workload order.</summary>
    public required IReadOnlyList<RequestTimeline> Requests { get; init; }

    /// <summary>The replica each request was routed to, in workload order; −1 for rejected requests.</summary>
    public required IReadOnlyList<int> RequestReplicas { get; init; }

    /// <summary>Every stage span in dispatch order when <see cref="SimulationConfig.RecordTimeline"/> was set; otherwise null.</summary>
    public IReadOnlyList<StageSpan>? Timeline { get; init; }
}
