using CsCheck;
using Fulcrum.Planning;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Planning;

public class PlannerTests
{
    private static PlanOptions Options(ServiceLevelAgreement sla, double? target = null) => new()
    {
        Model = ModelCatalog.Resolve("Llama-3.1-70B"),
        Cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
        Sla = sla,
        TargetRate = target,
        Engine = new Fulcrum.Specs.Deployments.EngineSettings { MaxModelLength = 8192 },
        Parallelism = 2,
    };

    private static PlanResult Plan(ServiceLevelAgreement sla, double? target = null) =>
        new Planner(new QueueingEvaluator(), new PlanExplainer()).Run(Options(sla, target));

    [Fact]
    public void Enumerate_CoversFittingSplitsAndCaps()
    {
        var (candidates, excluded) = Planner.Enumerate(Options(ServiceLevelAgreement.Preset("chat")));

        // Ten splits of 8 GPUs; at max-model-len 8192 all fit for 70B on MI300X except none; 2 × 2 cap grid each.
        Assert.Equal((10 - excluded.Count) * 4, candidates.Count);
        Assert.All(candidates, d => Assert.Equal(8, d.TotalGpus));
    }

    [Fact]
    public void Labels_AreUniqueAcrossKvPrecisions()
    {
        var options = Options(ServiceLevelAgreement.Preset("chat")) with { KvCaches = [KvCachePrecision.Bf16, KvCachePrecision.Fp8] };
        var plan = new Planner(new QueueingEvaluator(), new PlanExplainer()).Run(options);
        var labels = plan.Candidates.Select(c => c.Label).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Contains(labels, l => l.Contains(" kv-fp8 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommended_MeetsSlaWithMostGoodputPerGpu()
    {
        var sla = new ServiceLevelAgreement("test", "test", [ServiceLevelObjective.Parse("tpot:p99:60")]);
        var plan = Plan(sla);
        Assert.NotNull(plan.Recommended);
        var best = plan.Candidates[plan.Recommended!.Value];
        Assert.True(best.AtCapacity!.Meets(sla));
        Assert.All(plan.Candidates.Where(c => c.MeetsSla), c => Assert.True(c.GoodputPerGpu <= best.GoodputPerGpu + 1e-12));
    }

    [Fact]
    public void Capacity_MatchesAnalyticLimitWithinTolerance()
    {
        // p99 TPOT = 2 · 80/TP / (1 − load/2) ≤ 60 ms at TP=4 → 1 − load/2 ≥ 40/60 → load ≤ 2/3 of the service rate.
        var sla = new ServiceLevelAgreement("test", "test", [ServiceLevelObjective.Parse("tpot:p99:60")]);
        var plan = Plan(sla);
        foreach (var c in plan.Candidates.Where(c => c.Deployment.Tp == 4 && c.Deployment.Dp == 2))
        {
            var expected = QueueingEvaluator.ServiceRate(c.Deployment) * 2.0 / 3.0;
            Assert.InRange(c.CapacityRps, expected * 0.94, expected * 1.0001);
        }
    }

    [Fact]
    public void ImpossibleSla_ReturnsNearestInstead()
    {
        var sla = new ServiceLevelAgreement("tight", "tight", [ServiceLevelObjective.Parse("tpot:p99:1")]);
        var plan = Plan(sla);
        Assert.Null(plan.Recommended);
        Assert.NotEmpty(plan.Nearest);
        Assert.Contains(plan.Explanations, e => e.Role == "nearest to the SLA");
    }

    [Fact]
    public void LowestLatency_IsHighestTp()
    {
        var plan = Plan(ServiceLevelAgreement.Preset("chat"));
        Assert.Equal(8, plan.Candidates[plan.LowestLatency!.Value].Deployment.Tp);
    }

    [Fact]
    public void Frontiers_AreUndominated()
    {
        var plan = Plan(ServiceLevelAgreement.Preset("chat"));
        var points = plan.Points.Select(p => (p.OutputThroughputPerGpu, p.OutputTokensPerSecondPerUser ?? double.NaN)).ToList();
        foreach (var i in plan.InteractivityFrontier)
        {
            Assert.DoesNotContain(points, q => ParetoFrontier.Dominates(q, points[i]));
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (!plan.InteractivityFrontier.Contains(i))
            {
                Assert.Contains(plan.InteractivityFrontier, f => ParetoFrontier.Dominates(points[f], points[i]) || points[f] == points[i]);
            }
        }
    }

    [Fact]
    public void Explanations_CarryComputedNumbers()
    {
        var plan = Plan(ServiceLevelAgreement.Preset("chat"));
        var recommended = Assert.Single(plan.Explanations, e => e.Role == "recommended");
        var c = plan.Candidates[recommended.Candidate];
        Assert.Contains(recommended.Sentences, s => s.Contains(c.CapacityRps.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(recommended.Sentences, s => s.StartsWith("Capacity is limited by", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetRate_ExcludesConfigurationsThatCannotServeIt()
    {
        var sla = ServiceLevelAgreement.Preset("chat");
        var plan = Plan(sla, target: 12);
        var best = plan.Candidates[plan.Recommended!.Value];
        Assert.True(best.AtTarget!.Meets(sla));
    }

    [Fact]
    public void Recommendation_AlwaysMeetsSlaOrSaysNone()
    {
        Gen.Select(Gen.Double[1, 400], Gen.Double[1, 2000]).Sample(
            thresholds =>
            {
                var sla = new ServiceLevelAgreement("random", "random",
                [
                    new ServiceLevelObjective(SloMetric.Tpot, SloStatistic.P99, thresholds.Item1),
                    new ServiceLevelObjective(SloMetric.Ttft, SloStatistic.P99, thresholds.Item2),
                ]);
                var plan = Plan(sla);
                if (plan.Recommended is { } r)
                {
                    Assert.True(plan.Candidates[r].AtCapacity!.Meets(sla));
                    Assert.Empty(plan.Nearest);
                }
                else
                {
                    Assert.All(plan.Candidates, c => Assert.False(c.MeetsSla));
                    Assert.NotEmpty(plan.Nearest);
                }
            },
            iter: 40);
    }
}
