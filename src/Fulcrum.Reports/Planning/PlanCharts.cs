using Fulcrum.Planning;
using Fulcrum.Reports.Charts;

namespace Fulcrum.Reports.Planning;

/// <summary>Chart specs of a plan: the two Pareto frontiers, latency against throughput, and the time breakdown.</summary>
public static class PlanCharts
{
    /// <summary>
    /// One configuration per split for the per-split charts: the one with the most goodput per GPU, or with the most
    /// saturated throughput when no caps of that split meet the SLA.
    /// </summary>
    public static IReadOnlyList<int> RepresentativePerSplit(PlanResult plan) =>
        Enumerable.Range(0, plan.Candidates.Count)
            .GroupBy(i => plan.Candidates[i].Deployment.Label + " " + plan.Candidates[i].Deployment.Weights)
            .Select(g => g.OrderByDescending(i => plan.Candidates[i].GoodputPerGpu).ThenByDescending(i => plan.Candidates[i].SaturatedOutputThroughputPerGpu).First())
            .OrderBy(i => plan.Candidates[i].Deployment.Dp).ThenByDescending(i => plan.Candidates[i].Deployment.Tp)
            .ToList();

    public static ScatterChartSpec InteractivityFrontier(PlanResult plan) =>
        Frontier(
            plan,
            "Throughput per GPU against interactivity",
            new AxisSpec("Output speed per user", "tokens/s"),
            p => p.OutputTokensPerSecondPerUser ?? double.NaN,
            plan.InteractivityFrontier);

    public static ScatterChartSpec TtftFrontier(PlanResult plan) =>
        Frontier(
            plan,
            "Throughput per GPU against p99 TTFT",
            new AxisSpec("p99 TTFT", "ms", AxisScale.Log10),
            p => p.P99TtftMs ?? double.NaN,
            plan.TtftFrontier);

    /// <summary>Median TPOT against output throughput per GPU at light load, SLA capacity and saturation, one line per split.</summary>
    public static LineChartSpec LatencyThroughput(PlanResult plan)
    {
        var series = new List<ChartSeries>();
        foreach (var i in RepresentativePerSplit(plan))
        {
            var c = plan.Candidates[i];
            var runs = new[] { c.LightLoad, c.AtCapacity, c.Saturated }.Where(r => r is not null).Select(r => r!);
            var points = runs
                .Select(r => new ChartPoint(r.OutputThroughput / c.Gpus, r.Latency(SloMetric.Tpot, SloStatistic.P50) ?? double.NaN))
                .OrderBy(p => p.X)
                .ToList();
            series.Add(new ChartSeries(c.Deployment.Label, points));
        }

        return new LineChartSpec(
            "Median TPOT against throughput (light load, SLA capacity, saturation)",
            new AxisSpec("Output throughput per GPU", "tokens/s"),
            new AxisSpec("Median TPOT", "ms", AxisScale.Log10),
            series);
    }

    /// <summary>Share of GPU time by category per split, at SLA capacity or, where the SLA is missed, saturated.</summary>
    public static StackedBarChartSpec TimeBreakdown(PlanResult plan)
    {
        var representatives = RepresentativePerSplit(plan);
        var runs = representatives.Select(i => plan.Candidates[i].AtCapacity ?? plan.Candidates[i].Saturated).ToList();
        var categories = runs.SelectMany(r => r.TimeBreakdownSeconds.Keys).Distinct().ToList();
        var segments = categories.Select(category => new StackedBarSegment(
            category,
            runs.Select(r =>
            {
                var total = r.TimeBreakdownSeconds.Values.Sum();
                return total > 0 && r.TimeBreakdownSeconds.TryGetValue(category, out var v) ? (double?)(100 * v / total) : null;
            }).ToList())).ToList();
        return new StackedBarChartSpec(
            "Where GPU time goes, at SLA capacity (or saturated where the SLA is missed)",
            new AxisSpec("Share of GPU time", "%"),
            representatives.Select(i => plan.Candidates[i].Deployment.Label).ToList(),
            segments);
    }

    private static ScatterChartSpec Frontier(PlanResult plan, string title, AxisSpec x, Func<OperatingPoint, double> xValue, IReadOnlyList<int> frontier)
    {
        var series = plan.Points
            .GroupBy(p => plan.Candidates[p.Candidate].Deployment.Label)
            .Select(g => new ChartSeries(g.Key, g.Select(p => new ChartPoint(xValue(p), p.OutputThroughputPerGpu)).ToList()))
            .ToList();
        var highlights = new List<HighlightedPoint>();
        void Highlight(string name, int? candidate, LoadLevel load, string color)
        {
            var point = plan.Points.FirstOrDefault(p => p.Candidate == candidate && p.Load == load);
            if (point is not null)
            {
                highlights.Add(new HighlightedPoint($"{name}: {plan.Candidates[point.Candidate].Label}", new ChartPoint(xValue(point), point.OutputThroughputPerGpu), color));
            }
        }

        Highlight("Recommended", plan.Recommended, LoadLevel.AtCapacity, "#2ca02c");
        Highlight("Lowest latency", plan.LowestLatency, LoadLevel.LightLoad, "#1f77b4");
        Highlight("Highest throughput", plan.HighestThroughput, LoadLevel.Saturated, "#d62728");
        return new ScatterChartSpec(title, x, new AxisSpec("Output throughput per GPU", "tokens/s"), series)
        {
            Frontier = frontier.Select(i => new ChartPoint(xValue(plan.Points[i]), plan.Points[i].OutputThroughputPerGpu)).ToList(),
            Highlights = highlights,
        };
    }
}
