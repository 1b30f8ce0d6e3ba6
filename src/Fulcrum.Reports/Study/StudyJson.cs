using Fulcrum.Planning;
using Fulcrum.Specs.Precisions;
using Fulcrum.Study;

namespace Fulcrum.Reports.Study;

/// <summary>
/// JSON shape of <c>fulcrum study --json</c> (schema in docs/JSON.md): the inputs, the files written, and per model
/// its splits, findings, static points and online runs. Latencies in ms, throughputs per second, GPU time in stage-seconds.
/// </summary>
public static class StudyJson
{
    public sealed record Document(
        string Accelerator,
        int Gpus,
        int Nodes,
        IReadOnlyList<int> InputLengths,
        IReadOnlyList<int> OutputLengths,
        IReadOnlyList<int> BatchSizes,
        IReadOnlyList<SlaJson> Slas,
        int SimulatedRuns,
        string? OutputFolder,
        IReadOnlyList<string> Files,
        IReadOnlyList<ModelJson> Models);

    public sealed record SlaJson(string Name, IReadOnlyList<string> Objectives);

    public sealed record ModelJson(
        string Model,
        string Weights,
        string KvCache,
        IReadOnlyList<string> Splits,
        IReadOnlyList<ExcludedJson> Excluded,
        int ReferenceInputTokens,
        int ReferenceOutputTokens,
        IReadOnlyList<FindingJson> Findings,
        IReadOnlyList<PointJson> Points,
        IReadOnlyList<OnlineJson> Online);

    public sealed record ExcludedJson(int Tp, int Pp, int Dp, string? Reason);

    public sealed record FindingJson(string Kind, string Text);

    public sealed record PointJson(
        int Tp,
        int Pp,
        int Dp,
        int InputTokens,
        int OutputTokens,
        int BatchSize,
        int LargestBatch,
        bool Fits,
        double? TtftMeanMs,
        double? TtftP99Ms,
        double? TpotMeanMs,
        double? TpotP99Ms,
        double? E2eMeanMs,
        double? OutputTokensPerS,
        double? TotalTokensPerS,
        double? OutputTokensPerSPerGpu,
        double? TotalTokensPerSPerGpu,
        double? MeanKvCacheUsage,
        double? PeakKvCacheUsage,
        IReadOnlyDictionary<string, double>? GpuTimeS,
        string? DominantBottleneck);

    public sealed record OnlineJson(
        int Tp,
        int Pp,
        int Dp,
        string Workload,
        string? SkipReason,
        double? SaturatedRequestsPerS,
        double? SaturatedOutputTokensPerSPerGpu,
        IReadOnlyList<RateJson> Rates);

    public sealed record RateJson(
        double OfferedRequestsPerS,
        bool Sustained,
        double RequestsPerS,
        double OutputTokensPerSPerGpu,
        double? TtftP99Ms,
        double? TpotP99Ms,
        double? E2eP50Ms);

    public static Document From(StudyResult result, string? outputFolder, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        return new Document(
            o.Cluster.Accelerator.Name,
            o.Cluster.TotalGpus,
            o.Cluster.NodeCount,
            o.InputLengths,
            o.OutputLengths,
            o.BatchSizes,
            o.Slas.Select(s => new SlaJson(s.Name, s.Objectives.Select(x => x.ToString()).ToList())).ToList(),
            result.SimulatedRuns,
            outputFolder,
            files,
            result.Models.Select(Model).ToList());
    }

    private static ModelJson Model(ModelStudy study) => new(
        study.Model.Name,
        study.Weights.Name(),
        study.KvCache.Name(),
        study.Grid.Splits.Select(s => s.ToString()).ToList(),
        study.Excluded.Select(r => new ExcludedJson(r.Split.Tp, r.Split.Pp, r.Split.Dp, r.Reason)).ToList(),
        study.Grid.ReferenceInput,
        study.Grid.ReferenceOutput,
        study.Findings.Select(f => new FindingJson(Snake(f.Kind.ToString()), f.Text)).ToList(),
        study.Grid.Points.Select(Point).ToList(),
        study.Online.Select(Online).ToList());

    private static PointJson Point(StaticPoint p) => new(
        p.Split.Tp,
        p.Split.Pp,
        p.Split.Dp,
        p.InputTokens,
        p.OutputTokens,
        p.BatchSize,
        p.LargestBatch,
        p.Fits,
        p.LatencyMs(SloMetric.Ttft),
        p.LatencyMs(SloMetric.Ttft, SloStatistic.P99),
        p.LatencyMs(SloMetric.Tpot),
        p.LatencyMs(SloMetric.Tpot, SloStatistic.P99),
        p.LatencyMs(SloMetric.E2e),
        p.Run?.OutputThroughput,
        p.Run?.TotalTokenThroughput,
        p.OutputThroughputPerGpu,
        p.TotalThroughputPerGpu,
        p.Run?.MeanKvOccupancy,
        p.Run?.PeakKvOccupancy,
        p.Time is { } time ? Bottlenecks.All.ToDictionary(b => b.Name().Replace(' ', '_'), time.Seconds) : null,
        p.Time?.Dominant?.Name());

    private static OnlineJson Online(OnlineCurve c) => new(
        c.Split.Tp,
        c.Split.Pp,
        c.Split.Dp,
        c.Workload,
        c.SkipReason,
        c.Saturated?.RequestThroughput,
        c.Saturated?.OutputThroughput / c.Split.Gpus,
        c.Points.Select(p => new RateJson(
            p.RequestRate,
            p.Sustained,
            p.Run.RequestThroughput,
            p.Run.OutputThroughput / c.Split.Gpus,
            p.Run.Latency(SloMetric.Ttft, SloStatistic.P99),
            p.Run.Latency(SloMetric.Tpot, SloStatistic.P99),
            p.Run.Latency(SloMetric.E2e, SloStatistic.P50))).ToList());

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
