using Fulcrum.Memory;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Reports.Json;

/// <summary>JSON shape of <c>fulcrum fit</c> (schema in docs/JSON.md). Sizes are per GPU unless named per replica.</summary>
public static class FitJson
{
    public sealed record FitDocument(
        string Model,
        string Accelerator,
        int Gpus,
        int Nodes,
        string Weights,
        string KvCache,
        int MaxModelLen,
        double GpuMemoryUtilization,
        int BlockSizeTokens,
        IReadOnlyList<SplitJson> Splits);

    public sealed record SplitJson(
        int Tp,
        int Pp,
        int Dp,
        bool Valid,
        bool Fits,
        string? Reason,
        long? UsableBytes,
        long? WeightsBytes,
        long? ActivationBytes,
        long? ReserveBytes,
        long? KvCacheBytes,
        long? KvBytesPerToken,
        long? KvCacheTokens,
        long? KvCacheBlocks,
        long? MaxSequencesAtMaxModelLen,
        int? LimitingStage,
        IReadOnlyList<StageJson>? Stages);

    public sealed record StageJson(int Stage, int Layers, long WeightsBytes, long ActivationBytes, long KvCacheBytes, long KvBytesPerToken, long KvCacheTokens);

    public static FitDocument From(IReadOnlyList<FitRow> rows, string model, string accelerator, int gpus, int nodes, WeightPrecision weights, KvCachePrecision kv, int maxModelLen, double utilization, int blockSize) =>
        new(model, accelerator, gpus, nodes, weights.Name(), kv.Name(), maxModelLen, utilization, blockSize, rows.Select(From).ToList());

    private static SplitJson From(FitRow row)
    {
        var plan = row.Plan;
        var limiting = plan?.Limiting;
        return new SplitJson(
            row.Split.Tp, row.Split.Pp, row.Split.Dp, row.Problems.Count == 0, row.Fits, row.Reason,
            limiting?.UsableBytes, limiting?.WeightsBytes, limiting?.ActivationBytes, limiting?.ReserveBytes,
            limiting is null ? null : Math.Max(0, limiting.KvCacheBytes), limiting?.KvBytesPerToken,
            plan?.KvCacheTokens, plan?.KvCacheBlocks, plan?.MaxConcurrentSequences, limiting?.Stage,
            plan?.Stages.Select(s => new StageJson(s.Stage, s.Layers, s.WeightsBytes, s.ActivationBytes, Math.Max(0, s.KvCacheBytes), s.KvBytesPerToken, s.KvCacheTokens)).ToList());
    }
}
