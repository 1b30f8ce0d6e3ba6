using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Simulation;

/// <summary>Everything one simulation needs: the deployment and its engine settings, the step-cost model and the workload.</summary>
public sealed record SimulationConfig
{
    /// <summary>The model on DP replicas of TP × PP GPUs, with the engine's scheduling settings.</summary>
    public required Deployment Deployment { get; init; }

    /// <summary>Prices each step on each stage of a replica; all replicas share it, so it must be safe to reuse.</summary>
    public required IStepCostModel CostModel { get; init; }

    public required Workload Workload { get; init; }

    /// <summary>KV blocks per replica; null takes the capacity from the memory plan, which must then fit.</summary>
    public long? KvCacheBlocks { get; init; }

    public RouterPolicy Router { get; init; } = RouterPolicy.RoundRobin;

    /// <summary>Goodput objectives; null reports no goodput.</summary>
    public SloThresholds? Slo { get; init; }

    /// <summary>Whether to keep every stage span for a timeline (memory grows with steps × stages).</summary>
    public bool RecordTimeline { get; init; }
}
