using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Memory;

/// <summary>One split's verdict: broken rules, or the memory plan and whether it fits.</summary>
public sealed record FitRow(Split Split, IReadOnlyList<ValidationProblem> Problems, MemoryPlan? Plan)
{
    public bool Fits => Problems.Count == 0 && Plan is { Fits: true };

    /// <summary>Why the split does not fit or is invalid; null when it fits.</summary>
    public string? Reason => Problems.Count > 0 ? string.Join(" ", Problems.Select(p => p.Message)) : Plan?.FailureReason;
}

/// <summary>Checks every TP × PP × DP split of a cluster for rule violations and memory fit.</summary>
public static class FitAnalyzer
{
    public static IReadOnlyList<FitRow> Analyze(
        ModelArchitecture model,
        ClusterSpec cluster,
        WeightPrecision weights,
        KvCachePrecision kvCache,
        EngineSettings engine)
    {
        var rows = new List<FitRow>();
        foreach (var split in SplitEnumerator.All(cluster.TotalGpus))
        {
            var deployment = new Deployment
            {
                Model = model,
                Cluster = cluster,
                Tp = split.Tp,
                Pp = split.Pp,
                Dp = split.Dp,
                Weights = weights,
                KvCache = kvCache,
                Engine = engine,
            };
            var problems = DeploymentValidator.Validate(deployment);
            rows.Add(new FitRow(split, problems, problems.Count == 0 ? MemoryPlanner.Plan(deployment) : null));
        }

        return rows;
    }
}
