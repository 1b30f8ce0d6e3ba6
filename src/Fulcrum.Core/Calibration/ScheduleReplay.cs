using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Validation;

namespace Fulcrum.Calibration;

/// <summary>
/// The schedule of one simulated run (which requests ran in which step) held fixed while step prices change, so a
/// fit can re-price a run in microseconds instead of simulating it again. Exact when the schedule does not depend
/// on step times: one replica of one stage whose steps run back to back, with requests sent at time zero or when
/// another request ends (a closed loop). <see cref="TryCreate"/> returns null for any other run.
/// </summary>
/// <remarks>
/// Consecutive steps that differ only in their decode context (a decode phase, where every context grows by one
/// token per step) are priced at the first and last step of the run of up to <see cref="MaxSegmentSteps"/> steps,
/// and the steps between are interpolated linearly; decode attention is linear in the context, so this is exact
/// up to the kinks of max() terms in the step model. The mean inter-token latency is exact: a request's gaps add up
/// to its last token time minus its first. Its percentiles take one gap of the step's length per decoding sequence,
/// which holds when every running request decodes in every step (vLLM V1 and static batching without preemption).
/// </remarks>
public sealed class ScheduleReplay
{
    /// <summary>Most steps priced from one pair of endpoints.</summary>
    public const int MaxSegmentSteps = 64;

    private readonly Segment[] segments;
    private readonly int stepCount;
    private readonly int[] decodeSequences;
    private readonly int[] arrivalStep;
    private readonly int[] firstTokenStep;
    private readonly int[] endStep;
    private readonly int[] inputTokens;
    private readonly int[] outputTokens;

    private ScheduleReplay(Segment[] segments, int stepCount, int[] decodeSequences, int[] arrivalStep, int[] firstTokenStep, int[] endStep, int[] inputTokens, int[] outputTokens)
    {
        this.segments = segments;
        this.stepCount = stepCount;
        this.decodeSequences = decodeSequences;
        this.arrivalStep = arrivalStep;
        this.firstTokenStep = firstTokenStep;
        this.endStep = endStep;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    /// <summary>Steps of the recorded run.</summary>
    public int Steps => stepCount;

    /// <summary>Steps actually priced per replay, after grouping decode runs.</summary>
    public int PricedSteps => segments.Sum(s => s.Count == 1 ? 1 : 2);

    /// <summary>
    /// Builds the replay of <paramref name="result"/>, whose first-stage batches in step order are
    /// <paramref name="batches"/>; null with <paramref name="reason"/> when the run's schedule depends on step times.
    /// </summary>
    public static ScheduleReplay? TryCreate(SimulationResult result, IReadOnlyList<StepBatch> batches, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(batches);
        var deployment = result.Config.Deployment;
        reason = deployment.Pp > 1 || deployment.Dp > 1
            ? "pipeline stages or replicas overlap steps, so the schedule depends on step times"
            : result.Timeline is null ? "the run kept no timeline"
            : result.Timeline.Count != batches.Count ? "the timeline and the priced steps disagree"
            : null;
        if (reason is not null)
        {
            return null;
        }

        var spans = result.Timeline!;
        var ends = new Dictionary<double, int>();
        var previousEnd = 0.0;
        for (var k = 0; k < spans.Count; k++)
        {
            if (spans[k].StartSeconds != previousEnd || spans[k].PrefillTokens != batches[k].PrefillTokens || spans[k].DecodeSequences != batches[k].DecodeSequences)
            {
                reason = "the engine idles between steps, so step times depend on when requests arrive";
                return null;
            }

            previousEnd = spans[k].EndSeconds;
            ends[previousEnd] = k;
        }

        var requests = result.Requests;
        var arrival = new int[requests.Count];
        var first = new int[requests.Count];
        var end = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (!r.IsCompleted || r.FirstTokenSeconds is not { } firstToken
                || !TryStep(ends, r.ArrivalSeconds, out arrival[i]) || !TryStep(ends, firstToken, out first[i]) || !TryStep(ends, r.EndSeconds, out end[i]))
            {
                reason = "a request was rejected or arrived between steps";
                return null;
            }
        }

        var decodes = batches.Select(b => b.DecodeSequences).ToArray();
        return new ScheduleReplay(Group(batches), batches.Count, decodes, arrival, first, end, requests.Select(r => r.InputTokens).ToArray(), requests.Select(r => r.OutputTokens).ToArray());
    }

    /// <summary>
    /// The run's figures with every step priced by <paramref name="model"/>. The percentiles of the inter-token
    /// latency, which need a sort over all steps, are left at the mean unless <paramref name="itlPercentiles"/>.
    /// </summary>
    public PredictedRun Replay(IStepCostModel model, bool itlPercentiles = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var endTimes = new double[stepCount];
        var durations = new double[stepCount];
        var elapsed = 0.0;
        foreach (var segment in segments)
        {
            var firstSeconds = StepSeconds(model, segment.First);
            var lastSeconds = segment.Count == 1 ? firstSeconds : StepSeconds(model, segment.Last);
            for (var j = 0; j < segment.Count; j++)
            {
                var d = segment.Count == 1 ? firstSeconds : firstSeconds + ((lastSeconds - firstSeconds) * j / (segment.Count - 1));
                durations[segment.Start + j] = d;
                elapsed += d;
                endTimes[segment.Start + j] = elapsed;
            }
        }

        double At(int step) => step < 0 ? 0 : endTimes[step];
        var n = endStep.Length;
        var ttft = new double[n];
        var tpot = new double[n];
        var e2el = new double[n];
        var tpotCount = 0;
        long input = 0;
        long output = 0;
        var gapSeconds = 0.0;
        long gaps = 0;
        for (var i = 0; i < n; i++)
        {
            var arrival = At(arrivalStep[i]);
            ttft[i] = At(firstTokenStep[i]) - arrival;
            e2el[i] = At(endStep[i]) - arrival;
            if (outputTokens[i] > 1)
            {
                var decoding = At(endStep[i]) - At(firstTokenStep[i]);
                tpot[tpotCount++] = decoding / (outputTokens[i] - 1);
                gapSeconds += decoding;
                gaps += outputTokens[i] - 1;
            }

            input += inputTokens[i];
            output += outputTokens[i];
        }

        return new PredictedRun
        {
            DurationSeconds = elapsed,
            Requests = n,
            Completed = n,
            InputTokens = input,
            OutputTokens = output,
            Ttft = LatencySummary.Of(ttft),
            Tpot = LatencySummary.Of(tpot.AsSpan(0, tpotCount)),
            E2el = LatencySummary.Of(e2el),
            Itl = gaps == 0 ? null
                : itlPercentiles && WeightedSummary(durations, decodeSequences) is { } itl ? itl with { Mean = gapSeconds / gaps }
                : MeanOnly(gapSeconds / gaps, gaps),
        };
    }

    private static LatencySummary MeanOnly(double mean, long count) => new(count, mean, mean, mean, mean, mean, double.NaN, mean, mean);

    private static bool TryStep(Dictionary<double, int> ends, double time, out int step)
    {
        if (time == 0)
        {
            step = -1;
            return true;
        }

        return ends.TryGetValue(time, out step);
    }

    private static double StepSeconds(IStepCostModel model, in StepBatch batch) =>
        model.PriceStage(batch, 0).TotalSeconds + model.TransferSeconds(batch, 0);

    private static Segment[] Group(IReadOnlyList<StepBatch> batches)
    {
        var segments = new List<Segment>();
        var k = 0;
        while (k < batches.Count)
        {
            var first = batches[k];
            var count = 1;
            var delta = 0L;
            while (k + count < batches.Count && count < MaxSegmentSteps)
            {
                var next = batches[k + count];
                var step = next.DecodeContextSum - batches[k + count - 1].DecodeContextSum;
                if (!SameShape(first, next) || (count > 1 && step != delta))
                {
                    break;
                }

                delta = step;
                count++;
            }

            segments.Add(new Segment(k, count, first, batches[k + count - 1]));
            k += count;
        }

        return segments.ToArray();
    }

    private static bool SameShape(in StepBatch a, in StepBatch b) =>
        a.DecodeSequences == b.DecodeSequences && a.PrefillSequences == b.PrefillSequences && a.PrefillTokens == b.PrefillTokens
        && a.PrefillPrefixSum == b.PrefillPrefixSum && a.PrefillAttentionPairs == b.PrefillAttentionPairs && a.SampledTokens == b.SampledTokens;

    /// <summary>Statistics of values repeated by weight, percentiles interpolated between ranks as LatencySummary does.</summary>
    private static LatencySummary? WeightedSummary(double[] values, int[] weights)
    {
        var order = Enumerable.Range(0, values.Length).Where(i => weights[i] > 0).OrderBy(i => values[i]).ToArray();
        long total = 0;
        var sum = 0.0;
        foreach (var i in order)
        {
            total += weights[i];
            sum += values[i] * weights[i];
        }

        if (total == 0)
        {
            return null;
        }

        var mean = sum / total;
        var squares = order.Sum(i => weights[i] * (values[i] - mean) * (values[i] - mean));
        double Percentile(double percent)
        {
            var rank = percent / 100.0 * (total - 1);
            var lower = (long)Math.Floor(rank);
            return ValueAtRank(lower) + ((ValueAtRank(Math.Min(lower + 1, total - 1)) - ValueAtRank(lower)) * (rank - lower));
        }

        double ValueAtRank(long rank)
        {
            long seen = 0;
            foreach (var i in order)
            {
                seen += weights[i];
                if (rank < seen)
                {
                    return values[i];
                }
            }

            return values[order[^1]];
        }

        return new LatencySummary(total, mean, Percentile(50), Percentile(90), Percentile(95), Percentile(99), Math.Sqrt(squares / total), values[order[0]], values[order[^1]]);
    }

    private readonly record struct Segment(int Start, int Count, StepBatch First, StepBatch Last);
}
