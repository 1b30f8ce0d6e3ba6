using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Validation;

/// <summary>
/// A measurement turned into the simulation that reproduces it: the deployment with the engine settings the run
/// used (or the rule that replaces unstated ones), the workload the client sent, and which statistic of the
/// result to compare. Nothing here depends on the hardware profile, so one case serves every profile a fit tries.
/// </summary>
public sealed record ValidationCase
{
    public required Measurement Measurement { get; init; }

    /// <summary>Model, cluster, TP × PP × DP, precisions and engine settings (batching policy and caps).</summary>
    public required Deployment Deployment { get; init; }

    /// <summary>The requests the simulation sends, possibly fewer than the source ran (see <see cref="StatedRequests"/>).</summary>
    public required Workload Workload { get; init; }

    public required ValidationScenario Scenario { get; init; }

    public required ValidationMetric Metric { get; init; }

    public required ValidationStatistic Statistic { get; init; }

    /// <summary>Whether a throughput value is per GPU rather than for the whole run.</summary>
    public bool PerGpu { get; init; }

    /// <summary>Prompts the source ran; null when it does not state them.</summary>
    public int? StatedRequests { get; init; }

    /// <summary>Assumptions made to build the simulation, for the report, such as an unstated KV-cache precision.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];
}
