using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Reports.Json;

/// <summary>JSON shape of <c>fulcrum step</c> (schema in docs/JSON.md): seconds by category per stage, shares, and the work behind them.</summary>
public static class StepJson
{
    public sealed record StepDocument(
        string Model,
        string Accelerator,
        int Tp,
        int Pp,
        string Weights,
        string KvCache,
        ProfileJson Profile,
        BatchJson Batch,
        double StepS,
        double BottleneckStageS,
        Bound DominantBound,
        IReadOnlyList<StageJson> Stages);

    public sealed record ProfileJson(string Name, string Origin, bool Generic);

    public sealed record BatchJson(int DecodeSequences, int? DecodeContextTokens, long PrefillTokens, long Tokens, int SampledTokens);

    public sealed record StageJson(
        int Stage,
        int Layers,
        double TotalS,
        Bound DominantBound,
        CategoriesJson Seconds,
        CategoriesJson Share,
        WorkJson Work);

    /// <summary>Per-category values: seconds in <c>seconds</c>, fractions of the stage total in <c>share</c>.</summary>
    public sealed record CategoriesJson(double GemmCompute, double GemmMemory, double Attention, double Elementwise, double Collective, double PointToPoint, double Overhead);

    public sealed record WorkJson(
        double GemmFlops,
        double AttentionFlops,
        double WeightBytes,
        double KvCacheReadBytes,
        double KvCacheWriteBytes,
        double ActivationBytes,
        double HbmBytes,
        double AllReduceBytes,
        int AllReduces,
        double LogitsGatherBytes,
        int Kernels,
        double TransferBytes,
        bool TransferCrossesNodes);

    public static StepDocument From(Deployment deployment, HardwareProfile profile, StepRequest request, StepBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(breakdown);
        var batch = breakdown.Batch;
        var total = breakdown.Total;
        return new StepDocument(
            deployment.Model.Name,
            deployment.Accelerator.Name,
            deployment.Tp,
            deployment.Pp,
            deployment.Weights.Name(),
            deployment.KvCache.Name(),
            new ProfileJson(profile.Name, profile.Origin, profile.IsGeneric),
            new BatchJson(batch.DecodeSequences, batch.DecodeSequences > 0 ? request.DecodeContext : null, batch.PrefillTokens, batch.Tokens, batch.SampledTokens),
            total.TotalSeconds,
            breakdown.BottleneckStageSeconds,
            total.DominantBound,
            breakdown.Stages.Select(Stage).ToList());
    }

    private static StageJson Stage(StageBreakdown s)
    {
        var c = s.Cost;
        var w = s.Work;
        var total = c.TotalSeconds;
        double Share(double seconds) => total > 0 ? seconds / total : 0;
        return new StageJson(
            s.Stage,
            s.Layers,
            total,
            c.DominantBound,
            new CategoriesJson(c.GemmComputeSeconds, c.GemmMemorySeconds, c.AttentionSeconds, c.ElementwiseSeconds, c.CollectiveSeconds, c.PointToPointSeconds, c.OverheadSeconds),
            new CategoriesJson(Share(c.GemmComputeSeconds), Share(c.GemmMemorySeconds), Share(c.AttentionSeconds), Share(c.ElementwiseSeconds), Share(c.CollectiveSeconds), Share(c.PointToPointSeconds), Share(c.OverheadSeconds)),
            new WorkJson(w.GemmFlops, w.AttentionFlops, w.WeightBytes, w.KvCacheReadBytes, w.KvCacheWriteBytes, w.ActivationBytes, w.HbmBytes, w.AllReduceBytes, w.AllReduces, w.LogitsGatherBytes, w.Kernels, s.TransferBytes, s.TransferCrossesNodes));
    }
}
