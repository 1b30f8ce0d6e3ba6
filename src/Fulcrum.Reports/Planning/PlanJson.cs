using Fulcrum.Performance.Profiles;
using Fulcrum.Planning;
using Fulcrum.Reports.Json;
using Fulcrum.Simulation;
using Fulcrum.Specs.Precisions;
using Fulcrum.Text;

namespace Fulcrum.Reports.Planning;

/// <summary>
/// JSON shape of <c>fulcrum plan --json</c> (schema in docs/JSON.md). Rates are requests/s over the whole cluster.
/// The document records the engine settings, router and hardware profile behind every run, so
/// <c>fulcrum compare</c> can rebuild a configuration and simulate it again.
/// </summary>
public static class PlanJson
{
    public sealed record Document(
        string Model,
        string Accelerator,
        int Gpus,
        int Nodes,
        EngineJson Engine,
        string Router,
        StepJson.ProfileJson Profile,
        string Sla,
        IReadOnlyList<string> SloObjectives,
        double? TargetRequestRate,
        string? Recommended,
        string? LowestLatency,
        string? HighestThroughput,
        IReadOnlyList<string> Nearest,
        int SimulatedRuns,
        IReadOnlyList<CandidateJson> Configurations,
        IReadOnlyList<PointJson> InteractivityFrontier,
        IReadOnlyList<PointJson> TtftFrontier,
        IReadOnlyList<ExplanationJson> Explanations,
        IReadOnlyList<ExcludedJson> Excluded);

    public sealed record CandidateJson(
        string Label,
        int Tp,
        int Pp,
        int Dp,
        int Gpus,
        string Weights,
        string KvCache,
        int MaxNumSeqs,
        int MaxNumBatchedTokens,
        bool ChunkedPrefill,
        bool MeetsSla,
        double CapacityRequestRate,
        double GoodputPerGpu,
        double OutputThroughputPerGpuAtCapacity,
        double SaturatedOutputThroughputPerGpu,
        double? LightLoadMedianTtftMs,
        double? LightLoadMedianTpotMs,
        double? LightLoadMedianE2elMs,
        double? CapacityP99TtftMs,
        double? CapacityP99TpotMs,
        double? CapacityBubbleFraction,
        double? CapacityPeakKvOccupancy,
        int? CapacityPreemptions,
        double? TargetP99TtftMs,
        double? TargetP99TpotMs,
        bool? MeetsSlaAtTarget,
        int SimulatedRuns);

    /// <summary>Engine settings every configuration starts from; each configuration sets its own caps and chunked prefill.</summary>
    public sealed record EngineJson(
        double GpuMemoryUtilization,
        int BlockSizeTokens,
        long RuntimeReserveBytes,
        int? MaxModelLen,
        string BatchingPolicy,
        int LongPrefillTokenThreshold,
        int? MaxLongPartialPrefills);

    public sealed record PointJson(string Configuration, string Load, double OutputThroughputPerGpu, double? OutputTokensPerSecondPerUser, double? P99TtftMs);

    public sealed record ExplanationJson(string Role, string Configuration, IReadOnlyList<string> Sentences);

    public sealed record ExcludedJson(int Tp, int Pp, int Dp, string Weights, string KvCache, string Reason);

    /// <param name="profile">The hardware profile every run was priced with.</param>
    /// <param name="router">How every run spread requests over DP replicas.</param>
    public static Document From(PlanResult plan, HardwareProfile profile, RouterPolicy router)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(profile);
        var o = plan.Options;
        var e = o.Engine;
        string? Label(int? i) => i is { } index ? plan.Candidates[index].Label : null;
        PointJson Point(int i)
        {
            var p = plan.Points[i];
            return new PointJson(plan.Candidates[p.Candidate].Label, Load(p.Load), p.OutputThroughputPerGpu, p.OutputTokensPerSecondPerUser, p.P99TtftMs);
        }

        return new Document(
            o.Model.Name,
            o.Cluster.Accelerator.Name,
            o.Cluster.TotalGpus,
            o.Cluster.NodeCount,
            new EngineJson(e.GpuMemoryUtilization, e.BlockSize, e.RuntimeReserveBytes, e.MaxModelLength, EnumNames.Kebab(e.BatchingPolicy), e.LongPrefillTokenThreshold, e.MaxLongPartialPrefills),
            EnumNames.Kebab(router),
            new StepJson.ProfileJson(profile.Name, profile.Origin, profile.IsGeneric),
            o.Sla.Name,
            o.Sla.Objectives.Select(x => x.ToString()).ToList(),
            o.TargetRate,
            Label(plan.Recommended),
            Label(plan.LowestLatency),
            Label(plan.HighestThroughput),
            plan.Nearest.Select(i => plan.Candidates[i].Label).ToList(),
            plan.SimulatedRuns,
            plan.Candidates.Select(c => Candidate(c, plan)).ToList(),
            plan.InteractivityFrontier.Select(Point).ToList(),
            plan.TtftFrontier.Select(Point).ToList(),
            plan.Explanations.Select(e => new ExplanationJson(e.Role, plan.Candidates[e.Candidate].Label, e.Sentences)).ToList(),
            plan.Excluded.Select(x => new ExcludedJson(x.Split.Tp, x.Split.Pp, x.Split.Dp, Weights(x), Kv(x), x.Reason ?? string.Empty)).ToList());
    }

    public static string Load(LoadLevel load) => load switch
    {
        LoadLevel.LightLoad => "light_load",
        LoadLevel.AtCapacity => "at_capacity",
        _ => "saturated",
    };

    private static string Weights(Fulcrum.Memory.FitRow row) => row.Plan?.Deployment.Weights.Name() ?? "n/a";

    private static string Kv(Fulcrum.Memory.FitRow row) => row.Plan?.Deployment.KvCache.Name() ?? "n/a";

    private static CandidateJson Candidate(CandidateEvaluation c, PlanResult plan)
    {
        var d = c.Deployment;
        var e = d.Engine;
        return new CandidateJson(
            c.Label, d.Tp, d.Pp, d.Dp, c.Gpus, d.Weights.Name(), d.KvCache.Name(), e.MaxNumSeqs, e.MaxNumBatchedTokens, e.ChunkedPrefill,
            c.MeetsSla, c.CapacityRps, c.GoodputPerGpu, c.OutputThroughputPerGpuAtCapacity, c.SaturatedOutputThroughputPerGpu,
            c.LightLoad.Latency(SloMetric.Ttft, SloStatistic.P50), c.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50), c.LightLoad.Latency(SloMetric.E2e, SloStatistic.P50),
            c.AtCapacity?.Latency(SloMetric.Ttft, SloStatistic.P99), c.AtCapacity?.Latency(SloMetric.Tpot, SloStatistic.P99),
            c.AtCapacity?.BubbleFraction, c.AtCapacity?.PeakKvOccupancy, c.AtCapacity?.Preemptions,
            c.AtTarget?.Latency(SloMetric.Ttft, SloStatistic.P99), c.AtTarget?.Latency(SloMetric.Tpot, SloStatistic.P99),
            c.AtTarget?.Meets(plan.Options.Sla), c.SimulatedRuns);
    }
}
