using System.Globalization;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Planning;

/// <summary>
/// Writes the explanation of each highlighted configuration from the simulation's own numbers: where the time
/// goes, what limits capacity, and how it compares with the recommendation. Every number in a sentence is computed.
/// </summary>
public sealed class PlanExplainer
{
    private readonly Func<Deployment, IStepCostModel>? stepModels;

    /// <param name="stepModels">Builds a step-cost model for a deployment, to break down one decode step; null skips that sentence.</param>
    public PlanExplainer(Func<Deployment, IStepCostModel>? stepModels = null)
    {
        this.stepModels = stepModels;
    }

    public IReadOnlyList<Explanation> Explain(PlanResult plan)
    {
        var list = new List<Explanation>();
        void Add(string role, int? index)
        {
            if (index is not { } i || list.Any(e => e.Candidate == i && e.Role == role))
            {
                return;
            }

            // A configuration that plays two roles is described once; the second role points back to it.
            var earlier = list.FirstOrDefault(e => e.Candidate == i);
            list.Add(new Explanation(role, i, earlier is null ? Describe(plan, i) : [$"The same configuration as the {earlier.Role} one, described above."]));
        }

        Add("recommended", plan.Recommended);
        Add("lowest latency", plan.LowestLatency);
        Add("highest throughput", plan.HighestThroughput);
        foreach (var i in plan.Nearest)
        {
            Add("nearest to the SLA", i);
        }

        return list;
    }

    private List<string> Describe(PlanResult plan, int index)
    {
        var c = plan.Candidates[index];
        var sla = plan.Options.Sla;
        var sentences = new List<string>();
        var d = c.Deployment;

        if (c.MeetsSla)
        {
            sentences.Add(F($"{c.Label} on {c.Gpus} GPUs keeps within the SLA up to an offered {c.CapacityRps:0.##} requests/s; at that load {c.GoodputPerGpu:0.###} requests/s per GPU meet every SLO (goodput) and each GPU produces {c.OutputThroughputPerGpuAtCapacity:0} output tokens/s."));
        }
        else
        {
            var worst = c.LightLoad.Violations(sla).Select(o => F($"{o} (measured {Measured(c.LightLoad, o)})"));
            sentences.Add(F($"{c.Label} misses the SLA even at a light load of {c.LightLoad.RequestRate:0.##} requests/s: {string.Join("; ", worst)}."));
        }

        var run = c.AtCapacity ?? c.Saturated;
        var where = c.AtCapacity is null ? "When saturated" : "At capacity";
        var shares = Shares(run.TimeBreakdownSeconds);
        if (shares.Count > 0)
        {
            sentences.Add($"{where}, GPU time goes to " + string.Join(", ", shares.Take(4).Select(s => F($"{s.Name} {s.Share:P0}"))) + ".");
        }

        if (d.Pp > 1 && run.BubbleFraction is { } bubble)
        {
            sentences.Add(F($"PP={d.Pp} leaves stages idle {bubble:P0} of the time at this load (pipeline bubbles)."));
        }

        if (run.MeanQueueingMs is { } queue)
        {
            sentences.Add(F($"Requests wait {queue:0.#} ms on average before their first step."));
        }

        if (run.MeanKvOccupancy is { } meanKv && run.PeakKvOccupancy is { } peakKv)
        {
            sentences.Add(F($"The KV cache is {meanKv:P1} full on average and {peakKv:P1} at peak, with {run.Preemptions} preemptions."));
        }

        var limit = Limit(c, sla);
        if (limit is not null)
        {
            sentences.Add(limit);
        }

        var step = DecodeStep(d, run);
        if (step is not null)
        {
            sentences.Add(step);
        }

        if (plan.Recommended is { } r && r != index)
        {
            var rec = plan.Candidates[r];
            var goodput = rec.GoodputPerGpu > 0 ? c.GoodputPerGpu / rec.GoodputPerGpu : double.NaN;
            var tpot = Ratio(rec.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50), c.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50));
            var goodputText = c.MeetsSla ? F($"{goodput:0.00}× its goodput per GPU") : "no goodput within the SLA";
            sentences.Add(F($"Against the recommended {rec.Label}: {goodputText}, {c.SaturatedOutputThroughputPerGpu / rec.SaturatedOutputThroughputPerGpu:0.00}× its saturated tokens/s per GPU, and a light-load median TPOT {tpot:0.00}× as fast."));
        }
        else if (plan.Recommended == index)
        {
            var runnerUp = plan.Candidates.Select((x, i) => (x, i)).Where(t => t.i != index && t.x.MeetsSla && t.x.Deployment.Label != d.Label)
                .OrderByDescending(t => t.x.GoodputPerGpu).FirstOrDefault();
            if (runnerUp.x is not null && c.GoodputPerGpu > 0)
            {
                sentences.Add(F($"The best other split, {runnerUp.x.Label}, reaches {runnerUp.x.GoodputPerGpu / c.GoodputPerGpu:P0} of this goodput per GPU."));
            }
        }

        return sentences;
    }

    private static string? Limit(CandidateEvaluation c, ServiceLevelAgreement sla)
    {
        var above = c.AboveCapacity;
        if (above is null || !c.MeetsSla)
        {
            return null;
        }

        var broken = above.Violations(sla);
        var kvBound = above.Preemptions > 0 && above.PeakKvOccupancy >= 0.95;
        if (broken.Count > 0)
        {
            var detail = string.Join("; ", broken.Select(o => F($"{o} reaches {Measured(above, o)}")));
            var cause = kvBound ? F($", while the KV cache fills ({above.Preemptions} preemptions)") : string.Empty;
            return F($"Capacity is limited by the SLO: at {above.RequestRate:0.##} requests/s, {detail}{cause}.");
        }

        if (kvBound)
        {
            return F($"Capacity is limited by KV-cache space: at {above.RequestRate:0.##} requests/s the cache fills and {above.Preemptions} requests are preempted.");
        }

        return F($"Capacity is limited by compute: offered {above.RequestRate:0.##} requests/s, it completes only {above.RequestThroughput:0.##}.");
    }

    private string? DecodeStep(Deployment d, RunSummary run)
    {
        if (stepModels is null || run.MeanDecodeBatch is not { } meanBatch || run.MeanInputTokens is not { } input)
        {
            return null;
        }

        var batch = Math.Max(1, (int)Math.Round(meanBatch));
        var context = (int)Math.Round(input + ((run.MeanOutputTokens ?? 0) / 2));
        var model = stepModels(d);
        var step = StepBatch.Decode(batch, Math.Max(1, context));
        var total = default(StepCost);
        for (var s = 0; s < model.Stages; s++)
        {
            total += model.PriceStage(step, s);
        }

        var seconds = total.TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        var collectives = total.CollectiveSeconds / seconds;
        var weights = total.GemmMemorySeconds / seconds;
        var compute = total.GemmComputeSeconds / seconds;
        return F($"At the run's mean decode batch of {batch} (context {context} tokens), a decode step takes {seconds / model.Stages * 1000:0.##} ms per stage: {collectives:P0} in TP collectives, {weights:P0} reading weights, {compute:P0} in compute-bound GEMMs, {total.AttentionSeconds / seconds:P0} in attention.");
    }

    private static List<(string Name, double Share)> Shares(IReadOnlyDictionary<string, double> breakdown)
    {
        var total = breakdown.Values.Sum();
        return total <= 0 ? [] : breakdown.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value / total)).ToList();
    }

    private static string Measured(RunSummary run, ServiceLevelObjective o) =>
        run.Latency(o.Metric, o.Statistic) is { } v ? F($"{v:0.#} ms") : "no value";

    private static double Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } m && m > 0 ? n / m : double.NaN;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
