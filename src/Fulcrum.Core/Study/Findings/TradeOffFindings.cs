using Fulcrum.Specs.Deployments;
using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>
/// Checks the published trade-off of 8-GPU studies of Llama-3.1-70B and 405B (TP improves latency, PP suits
/// throughput, hybrids in between) against this grid, on the single-replica splits those studies compare. The verdict
/// states whether the model agrees, whatever it finds.
/// </summary>
internal static class TradeOffFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid)
    {
        var single = grid.Splits.Where(s => s.Dp == 1).ToList();
        if (single.Count < 2)
        {
            yield return new Finding(FindingKind.TradeOff,
                $"The published trade-off (TP for latency, PP for throughput) compares single-replica splits; this node has {single.Count} that fit{(single.Count == 1 ? $" ({single[0]})" : string.Empty)}, so it cannot be checked here.");
            yield break;
        }

        var comparisons = InputComparison.For(grid, single);
        yield return new Finding(FindingKind.TradeOff, Verdict(single, comparisons));

        var pureTp = single.Where(s => s.Pp == 1).MaxBy(s => s.Tp);
        var purePp = single.Where(s => s.Tp == 1).MaxBy(s => s.Pp);
        if (pureTp is { } tp && purePp is { } pp && tp != pp)
        {
            var ratios = new List<string>();
            foreach (var input in grid.InputLengths)
            {
                var mean = MeanRatio(grid, pp, tp, input);
                ratios.Add(mean is { } r ? $"{Percent(r)} at input {Tokens(input)}" : $"no comparison at input {Tokens(input)}");
            }

            yield return new Finding(FindingKind.TradeOff,
                $"At their best batch sizes, pure pipeline parallelism ({pp}) reaches this share of the output throughput per GPU of pure tensor parallelism ({tp}), mean over output lengths: {List(ratios)}.");
        }

        if (grid.Splits.Any(s => s.Dp > 1))
        {
            var all = InputComparison.For(grid, grid.Splits);
            var replicated = all.Where(c => !c.Throughput.IsEmpty && c.Throughput.Best.Split.Dp > 1).ToList();
            var leaders = Leaders(replicated);
            yield return new Finding(FindingKind.TradeOff,
                replicated.Count == 0
                    ? $"Splits with replicas (DP > 1) never give the highest throughput: a single-replica split leads at all {all.Count} input lengths."
                    : $"Counting splits with replicas (DP > 1), a replicated split gives the highest throughput at {replicated.Count} of {all.Count} input lengths ({List(leaders)}).");
        }
    }

    private static string Verdict(IReadOnlyList<Split> single, IReadOnlyList<InputComparison> comparisons)
    {
        var maxTp = single.Max(s => s.Tp);
        var widestTp = single.Where(s => s.Tp == maxTp).Select(s => s.ToString()).ToList();
        var ttft = comparisons.Where(c => !c.Ttft.IsEmpty).ToList();
        var tpot = comparisons.Where(c => !c.Tpot.IsEmpty).ToList();
        var throughput = comparisons.Where(c => !c.Throughput.IsEmpty).ToList();
        var ttftWins = ttft.Count(c => c.Ttft.Best.Split.Tp == maxTp);
        var tpotWins = tpot.Count(c => c.Tpot.Best.Split.Tp == maxTp);
        var ppWins = throughput.Count(c => c.Throughput.Best.Split.Pp > 1);

        var leaders = Leaders(throughput);
        var latency = Agreement(ttftWins + tpotWins, ttft.Count + tpot.Count);
        var throughputAgreement = Agreement(ppWins, throughput.Count);
        var verdict = !single.Any(s => s.Pp > 1)
            ? $"{latency} on latency and cannot check throughput, because no single-replica split uses PP"
            : latency == throughputAgreement
                ? $"{latency} on both latency and throughput"
                : $"{latency} on latency and {throughputAgreement} on throughput";

        return $"Published trade-off (TP improves latency, PP suits throughput), checked on the single-replica splits: "
            + $"the highest TP degree ({List(widestTp)}) gives the lowest TTFT at {ttftWins} of {ttft.Count} input lengths and the lowest TPOT at {tpotWins} of {tpot.Count}; "
            + $"a split with PP > 1 gives the highest throughput at {ppWins} of {throughput.Count}{(leaders.Count > 0 ? $" (leaders: {List(leaders)})" : string.Empty)}. "
            + $"The model {verdict}.";
    }

    /// <summary>"TP8×PP1×DP1 at 128 and 512 and TP4×PP2×DP1 at 2,048": each throughput leader with its input lengths.</summary>
    private static List<string> Leaders(IEnumerable<InputComparison> comparisons) =>
        comparisons
            .GroupBy(c => c.Throughput.Best.Split)
            .Select(g => $"{g.Key} at {List(g.Select(c => Tokens(c.Input)).ToList())}")
            .ToList();

    private static string Agreement(int wins, int cases)
    {
        if (cases == 0)
        {
            return "has no data";
        }

        if (wins == cases)
        {
            return "agrees";
        }

        return wins == 0 ? "disagrees" : "partly agrees";
    }

    /// <summary>Mean over output lengths of the ratio of the best throughputs of <paramref name="numerator"/> and <paramref name="denominator"/>; null when either is missing at every output.</summary>
    private static double? MeanRatio(StudyGrid grid, Split numerator, Split denominator, int input)
    {
        var ratios = new List<double>();
        foreach (var output in grid.OutputLengths)
        {
            if (InputComparison.BestThroughput(grid, numerator, input, output) is { } a && InputComparison.BestThroughput(grid, denominator, input, output) is { } b && b > 0)
            {
                ratios.Add(a / b);
            }
        }

        return ratios.Count == 0 ? null : ratios.Average();
    }
}
