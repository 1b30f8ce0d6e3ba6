using Fulcrum.Performance;
using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;
using Fulcrum.Study;

namespace Fulcrum.Tests.Study;

/// <summary>
/// Findings on a hand-made grid of three splits of 2 GPUs, two input lengths (100, 1,000), one output length (10)
/// and batches 1, 2 and 4, where every expected number is worked out by hand next to the assertion.
/// </summary>
public class StudyFindingsTests
{
    private static readonly Split A = new(2, 1, 1);
    private static readonly Split B = new(1, 2, 1);
    private static readonly Split C = new(1, 1, 2);

    private static readonly ServiceLevelAgreement Tight = new("tight", "Tight", [new(SloMetric.Ttft, SloStatistic.P99, 25), new(SloMetric.Tpot, SloStatistic.P99, 9)]);
    private static readonly ServiceLevelAgreement Loose = new("loose", "Loose", [new(SloMetric.Ttft, SloStatistic.P99, 600), new(SloMetric.Tpot, SloStatistic.P99, 50)]);

    private static readonly IReadOnlyList<Finding> Findings = StudyFindings.Compute(Grid(), Online(), [Tight, Loose]);

    [Fact]
    public void TradeOff_CountsWinsAndGivesVerdict()
    {
        // Lowest TTFT and TPOT at batch 1: A (the highest TP) at both inputs. Highest throughput: B (PP 2) at 100, A at 1,000.
        Assert.Equal(
            "Published trade-off (TP improves latency, PP suits throughput), checked on the single-replica splits: the highest TP degree (TP2×PP1×DP1) "
            + "gives the lowest TTFT at 2 of 2 input lengths and the lowest TPOT at 2 of 2; a split with PP > 1 gives the highest throughput at 1 of 2 "
            + "(leaders: TP1×PP2×DP1 at 100 and TP2×PP1×DP1 at 1,000). The model agrees on latency and partly agrees on throughput.",
            Text(FindingKind.TradeOff, 0));
    }

    [Theory]
    [InlineData(400, "The model agrees on both latency and throughput.")]
    [InlineData(200, "The model agrees on latency and disagrees on throughput.")]
    public void TradeOff_VerdictFollowsThroughputLeader(double pipelineThroughput, string verdict)
    {
        // A (TP 2) always has the lower latency; B (PP 2) reaches 400 or 200 node tok/s against A's 300 at batch 2.
        var grid = new StudyGrid([A, B], [100], [10], [1, 2],
        [
            HandGrid.Point(A, 100, 10, 1, 64, 10, 6, 100),
            HandGrid.Point(A, 100, 10, 2, 64, 12, 7, 300),
            HandGrid.Point(B, 100, 10, 1, 64, 20, 8, 60),
            HandGrid.Point(B, 100, 10, 2, 64, 25, 9, pipelineThroughput),
        ]);

        var text = StudyFindings.Compute(grid, [], []).First(f => f.Kind == FindingKind.TradeOff).Text;

        Assert.EndsWith(verdict, text);
    }

    [Fact]
    public void TradeOff_ComparesPurePpWithPureTp()
    {
        // Best node throughput B / A: 400 / 300 = 133% at input 100, 120 / 240 = 50% at input 1,000.
        Assert.Equal(
            "At their best batch sizes, pure pipeline parallelism (TP1×PP2×DP1) reaches this share of the output throughput per GPU of pure tensor "
            + "parallelism (TP2×PP1×DP1), mean over output lengths: 133% at input 100 and 50% at input 1,000.",
            Text(FindingKind.TradeOff, 1));
    }

    [Fact]
    public void TradeOff_SaysReplicasNeverLead()
    {
        Assert.Equal(
            "Splits with replicas (DP > 1) never give the highest throughput: a single-replica split leads at all 2 input lengths.",
            Text(FindingKind.TradeOff, 2));
    }

    [Fact]
    public void BestSplit_NamesWinnersAndMargins()
    {
        // Input 100: TTFT 10 < 20 < 40 ms: (20 - 10) / 20 = 50% below, 40 / 10 = 4.0×. TPOT 6 < 8 < 12 ms: 25% below, 2.0×.
        // Best throughput per GPU (node / 2 GPUs): B 400 / 2 = 200, A 300 / 2 = 150, C 200 / 2 = 100: 200 / 150 − 1 = 33% above, C 100 / 200 = 50%.
        Assert.Equal(
            "Input 100 tokens. Lowest TTFT: TP2×PP1×DP1, 10.0 ms at batch 1, 50% below the runner-up TP1×PP2×DP1 (20.0 ms); the slowest, TP1×PP1×DP2, takes 4.0× as long (40.0 ms). "
            + "Lowest TPOT: TP2×PP1×DP1, 6.00 ms at batch 1, 25% below the runner-up TP1×PP2×DP1 (8.00 ms); the slowest, TP1×PP1×DP2, takes 2.0× as long (12.0 ms). "
            + "Highest output throughput: TP1×PP2×DP1, 200 tok/s per GPU at its best batch size, 33% above the runner-up TP2×PP1×DP1 (150 tok/s); the lowest, TP1×PP1×DP2, reaches 50% of it (100 tok/s).",
            Text(FindingKind.BestSplit, 0));
    }

    [Fact]
    public void BestSplit_WritesDoublingAsRatio()
    {
        // Input 1,000: A 240 / 2 = 120, B 120 / 2 = 60 tok/s per GPU: exactly double, so "2.0×". C fits batches 1 and 2 only: 70 / 2 = 35, 35 / 120 = 29%.
        var text = Text(FindingKind.BestSplit, 1);
        Assert.Contains("Highest output throughput: TP2×PP1×DP1, 120 tok/s per GPU at its best batch size, 2.0× the runner-up TP1×PP2×DP1 (60.0 tok/s); the lowest, TP1×PP1×DP2, reaches 29% of it (35.0 tok/s).", text);
        Assert.Contains("Lowest TPOT: TP2×PP1×DP1, 6.00 ms at batch 1, 33% below the runner-up TP1×PP2×DP1 (9.00 ms); the slowest, TP1×PP1×DP2, takes 1.8× as long (11.0 ms)", text);
    }

    [Fact]
    public void Flexibility_GivesRangesPerSplit()
    {
        // A at input 100, output 10, batch 1 → 4: 100 / 2 = 50 → 300 / 2 = 150 tok/s (3.0×); TPOT 6 → 10 ms (1.7×); TTFT 10 → 20 ms;
        // E2E = TTFT + 9 × TPOT: 10 + 54 = 64 → 20 + 90 = 110 ms (1.7×).
        Assert.Equal(
            "TP2×PP1×DP1 (input 100, output 10): from batch 1 to 4, output throughput per GPU goes from 50.0 tok/s to 150 tok/s (3.0×), while TPOT goes from 6.00 ms to 10.0 ms (1.7×), "
            + "TTFT goes from 10.0 ms to 20.0 ms (2.0×) and E2E latency goes from 64.0 ms to 110 ms (1.7×).",
            Text(FindingKind.Flexibility, 0));

        // TPOT ratios: A 10 / 6 = 1.7, B 12 / 8 = 1.5, C 14 / 12 = 1.2.
        Assert.Equal(
            "Across batch sizes at input 100 and output 10, TP2×PP1×DP1 spans the widest TPOT range (6.00 ms to 10.0 ms, 1.7×) and TP1×PP1×DP2 the narrowest (12.0 ms to 14.0 ms, 1.2×).",
            Text(FindingKind.Flexibility, 3));
    }

    [Fact]
    public void Crossover_FindsBatchWherePreferenceChanges()
    {
        // Node throughput at input 100: batch 1 A 100 > B 60 > C 50; batch 2 A 180 > 140 > 100; batch 4 B 400 > A 300 > C 200.
        Assert.Equal(
            "Input 100, output 10: TP2×PP1×DP1 finishes the batch fastest at batch 1–2, TP1×PP2×DP1 at batch 4; the preferred split changes at batch 4.",
            Text(FindingKind.Crossover, 0));
        Assert.Equal(
            "Input 1,000, output 10: TP2×PP1×DP1 finishes the batch fastest at every batch size that fits (batch 1–4), so there is no crossover.",
            Text(FindingKind.Crossover, 1));
    }

    [Fact]
    public void Crossover_FindsRateWherePreferenceChanges()
    {
        // Median E2E at 1 req/s: A 100 < C 120 < B 150 ms. At 2 req/s C keeps up with only 1.5 < 0.85 × 2 req/s, and B 200 < A 400 ms.
        Assert.Equal(
            "Online, chat workload: TP2×PP1×DP1 has the lowest median E2E latency at 1.00 req/s, TP1×PP2×DP1 at 2.00 req/s; the preferred split changes between 1.00 and 2.00 req/s.",
            Text(FindingKind.Crossover, 2));
    }

    [Fact]
    public void Bottleneck_NamesTopTwoSharesPerRegime()
    {
        Assert.Equal(
            "TP2×PP1×DP1 (output 10): batch 1 at input 100, memory bandwidth 60% and step overhead 25%; batch 1 at input 1,000, prefill compute 80% and memory bandwidth 20%; "
            + "batch 4 at input 100, collectives 50% and memory bandwidth 30%; batch 4 at input 1,000, memory bandwidth 100%.",
            Text(FindingKind.Bottleneck, 0));

        // C has room for 3 requests of 1,000 + 10 tokens, so its largest batch run at input 1,000 is 2.
        Assert.EndsWith("batch 2 at input 1,000 (KV capacity caps the batch at 3), memory bandwidth 100%.", Text(FindingKind.Bottleneck, 2));
    }

    [Fact]
    public void Bottleneck_LeadersAndKvCap()
    {
        Assert.Equal(
            "At the largest batch that fits at input 100 and output 10, collectives take their largest share in TP2×PP1×DP1 (50% at batch 4) "
            + "and pipeline bubbles take their largest share in TP1×PP2×DP1 (60% at batch 4).",
            Text(FindingKind.Bottleneck, 3));
        Assert.Equal(
            "KV capacity caps the batch below 4 at output 10 from input 1,000 on TP1×PP1×DP2; it never binds on TP2×PP1×DP1 and TP1×PP2×DP1.",
            Text(FindingKind.Bottleneck, 4));
    }

    [Fact]
    public void Sla_CountsFeasiblePointsAndPicksBest()
    {
        // Tight SLA (TTFT ≤ 25, TPOT ≤ 9 ms): A meets batches 1 and 2 at input 100 (TTFT 10 and 12, TPOT 6 and 7).
        // B meets batches 1 and 2 (20/8 and 25/9, where equal to the bound counts). C meets none, because its TTFT is 40 ms or more.
        // Best at input 100: A at batch 2, 180 / 2 = 90 tok/s per GPU.
        Assert.Equal(
            "Tight SLA (p99 TTFT ≤ 25 ms, p99 TPOT ≤ 9 ms), static batches: grid points that meet it, of 6 per split: TP2×PP1×DP1 2, TP1×PP2×DP1 2 and TP1×PP1×DP2 0.",
            Text(FindingKind.Sla, 0));
        Assert.Equal(
            "Tight SLA (p99 TTFT ≤ 25 ms, p99 TPOT ≤ 9 ms), best split per input length (output 10, most output throughput per GPU among batches that meet it): "
            + "input 100: TP2×PP1×DP1, 90.0 tok/s per GPU at batch 2; input 1,000: no split meets it.",
            Text(FindingKind.Sla, 1));
        Assert.Equal("Tight SLA (p99 TTFT ≤ 25 ms, p99 TPOT ≤ 9 ms), online chat workload: no split meets it at any rate run.", Text(FindingKind.Sla, 2));
    }

    [Fact]
    public void Sla_OnlinePicksHighestRateMeetingIt()
    {
        // Loose SLA (TTFT ≤ 600, TPOT ≤ 50 ms): A meets 1 req/s only (TTFT 900 ms at 2), B both (500/35), C 1 req/s (not keeping up at 2).
        Assert.Equal(
            "Loose SLA (p99 TTFT ≤ 600 ms, p99 TPOT ≤ 50 ms), online chat workload: TP1×PP2×DP1 meets it up to the highest rate, 2.00 req/s of the rates run (1.00 req/s per GPU), "
            + "2.0× the runner-up TP2×PP1×DP1 (1.00 req/s).",
            Text(FindingKind.Sla, 5));
    }

    [Fact]
    public void Findings_ComeInReportOrder()
    {
        var kinds = Findings.Select(f => f.Kind).ToList();
        Assert.Equal(Enum.GetValues<FindingKind>(), kinds.Distinct());
        Assert.Equal(kinds.OrderBy(k => k), kinds);
    }

    private static string Text(FindingKind kind, int index) => Findings.Where(f => f.Kind == kind).ElementAt(index).Text;

    private static StudyGrid Grid()
    {
        var prefill = new TimeBreakdown(new StepCost { GemmComputeSeconds = 0.7, AttentionSeconds = 0.1 }, new StepCost { GemmMemorySeconds = 0.2 }, 0);
        StaticPoint[] points =
        [
            HandGrid.Point(A, 100, 10, 1, 64, 10, 6, 100, HandGrid.Decode(memory: 0.6, collectives: 0.15, overhead: 0.25)),
            HandGrid.Point(A, 100, 10, 2, 64, 12, 7, 180),
            HandGrid.Point(A, 100, 10, 4, 64, 20, 10, 300, HandGrid.Decode(memory: 0.3, collectives: 0.5, overhead: 0.2)),
            HandGrid.Point(A, 1000, 10, 1, 16, 50, 6, 90, prefill),
            HandGrid.Point(A, 1000, 10, 2, 16, 60, 7, 160),
            HandGrid.Point(A, 1000, 10, 4, 16, 80, 12, 240),
            HandGrid.Point(B, 100, 10, 1, 64, 20, 8, 60),
            HandGrid.Point(B, 100, 10, 2, 64, 25, 9, 140),
            HandGrid.Point(B, 100, 10, 4, 64, 30, 12, 400, HandGrid.Decode(memory: 0.4, bubbles: 0.6)),
            HandGrid.Point(B, 1000, 10, 1, 16, 100, 9, 50),
            HandGrid.Point(B, 1000, 10, 2, 16, 110, 10, 90),
            HandGrid.Point(B, 1000, 10, 4, 16, 130, 14, 120),
            HandGrid.Point(C, 100, 10, 1, 64, 40, 12, 50),
            HandGrid.Point(C, 100, 10, 2, 64, 45, 13, 100),
            HandGrid.Point(C, 100, 10, 4, 64, 50, 14, 200),
            HandGrid.Point(C, 1000, 10, 1, 3, 200, 11, 40),
            HandGrid.Point(C, 1000, 10, 2, 3, 220, 12, 70),
            HandGrid.Skipped(C, 1000, 10, 4, 3),
        ];
        return new StudyGrid([A, B, C], [100, 1000], [10], [1, 2, 4], points);
    }

    private static List<OnlineCurve> Online() =>
    [
        new(A, "chat", null, [HandGrid.Online(1, 1.0, 100, 200, 20), HandGrid.Online(2, 1.95, 400, 900, 40)]),
        new(B, "chat", null, [HandGrid.Online(1, 1.0, 150, 300, 30), HandGrid.Online(2, 1.9, 200, 500, 35)]),
        new(C, "chat", null, [HandGrid.Online(1, 1.0, 120, 250, 25), HandGrid.Online(2, 1.5, 100, 300, 30)]),
    ];
}
