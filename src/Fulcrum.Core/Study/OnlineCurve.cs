using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study;

/// <summary>One online run: a split serving a workload at <see cref="RequestRate"/> requests/s over the whole node.</summary>
public sealed record OnlinePoint(double RequestRate, RunSummary Run)
{
    /// <summary>
    /// Whether the split kept up: it completed requests at <see cref="CapacitySearch.SustainedFraction"/> of the
    /// offered rate or more. Below that its queue grows for as long as the load lasts.
    /// </summary>
    public bool Sustained => Run.RequestThroughput >= CapacitySearch.SustainedFraction * RequestRate;
}

/// <summary>
/// A split's latency–throughput curve under one online workload: a run with every request sent at once
/// (<see cref="Saturated"/>) and one run per request rate. <see cref="SkipReason"/> is why a split was not run, null when it was.
/// </summary>
public sealed record OnlineCurve(Split Split, string Workload, RunSummary? Saturated, IReadOnlyList<OnlinePoint> Points, string? SkipReason = null)
{
    /// <summary>The highest rate whose run meets <paramref name="sla"/> and keeps up; null when none does.</summary>
    public OnlinePoint? HighestRateMeeting(ServiceLevelAgreement sla) =>
        Points.Where(p => p.Sustained && p.Run.Meets(sla)).MaxBy(p => p.RequestRate);
}
