using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;
using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>
/// Crossovers: the batch sizes (static grid, per input length at the reference output length) and the request
/// rates (online workloads) at which the preferred split changes.
/// </summary>
internal static class CrossoverFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid, IReadOnlyList<OnlineCurve> online)
    {
        var output = grid.ReferenceOutput;
        foreach (var input in grid.InputLengths)
        {
            var winners = grid.BatchSizes.Select(b => (Key: (double)b, Winner: grid.Fastest(input, output, b))).ToList();
            yield return new Finding(FindingKind.Crossover,
                $"Input {Tokens(input)}, output {Tokens(output)}: " + Describe(winners, "finishes the batch fastest", Axis.Batch));
        }

        foreach (var workload in online.Select(c => c.Workload).Distinct())
        {
            var curves = online.Where(c => c.Workload == workload).ToList();
            var rates = curves.SelectMany(c => c.Points.Select(p => p.RequestRate)).Distinct().Order().ToList();
            if (rates.Count == 0)
            {
                continue;
            }

            var winners = rates.Select(rate => (Key: rate, Winner: LowestMedianE2e(curves, rate))).ToList();
            yield return new Finding(FindingKind.Crossover,
                $"Online, {workload} workload: " + Describe(winners, "has the lowest median E2E latency", Axis.Rate));
        }
    }

    /// <summary>Among the splits that keep up at <paramref name="rate"/>, the one with the lowest median E2E latency.</summary>
    private static Split? LowestMedianE2e(IReadOnlyList<OnlineCurve> curves, double rate)
    {
        Split? best = null;
        var bestValue = double.PositiveInfinity;
        foreach (var curve in curves)
        {
            var point = curve.Points.FirstOrDefault(p => p.RequestRate == rate);
            if (point is { Sustained: true } && point.Run.Latency(SloMetric.E2e, SloStatistic.P50) is { } e2e && e2e < bestValue)
            {
                best = curve.Split;
                bestValue = e2e;
            }
        }

        return best;
    }

    /// <summary>Writes the winner of each run of equal winners along an axis, then where the preferred split changes.</summary>
    private static string Describe(IReadOnlyList<(double Key, Split? Winner)> winners, string verb, Axis axis)
    {
        var runs = new List<(Split? Winner, double First, double Last)>();
        foreach (var (key, winner) in winners)
        {
            if (runs.Count > 0 && runs[^1].Winner == winner)
            {
                runs[^1] = (winner, runs[^1].First, key);
            }
            else
            {
                runs.Add((winner, key, key));
            }
        }

        var won = runs.Where(r => r.Winner is not null).ToList();
        if (won.Count == 0)
        {
            return axis.NothingAnywhere + ".";
        }

        var changes = new List<string>();
        for (var i = 1; i < won.Count; i++)
        {
            if (won[i].Winner != won[i - 1].Winner)
            {
                changes.Add(axis.Change(won[i - 1].Last, won[i].First));
            }
        }

        var gaps = runs.Where(r => r.Winner is null).Select(r => $"{axis.Nothing} at {axis.Span(r.First, r.Last)}").ToList();
        var gapText = gaps.Count == 0 ? string.Empty : "; " + string.Join("; ", gaps);
        if (changes.Count == 0)
        {
            var spans = List(won.Select(r => axis.Span(r.First, r.Last)).ToList());
            return $"{won[0].Winner} {verb} {axis.Everywhere} ({spans}), so there is no crossover{gapText}.";
        }

        var parts = won.Select((r, i) => i == 0 ? $"{r.Winner} {verb} at {axis.Span(r.First, r.Last)}" : $"{r.Winner} at {axis.Span(r.First, r.Last)}").ToList();
        return $"{string.Join(", ", parts)}; the preferred split changes {List(changes)}{gapText}.";
    }

    /// <summary>How one axis (batch sizes or request rates) is written.</summary>
    private sealed record Axis(Func<double, double, string> Span, Func<double, double, string> Change, string Nothing, string NothingAnywhere, string Everywhere)
    {
        public static Axis Batch { get; } = new(
            (first, last) => Batches((int)first, (int)last),
            (_, next) => $"at batch {Tokens((int)next)}",
            "no split fits",
            "no split fits any batch size",
            "at every batch size that fits");

        public static Axis Rate { get; } = new(
            (first, last) => first == last ? Numbers.Rate(first) : $"{Plain(first)}–{Numbers.Rate(last)}",
            (previous, next) => $"between {Plain(previous)} and {Numbers.Rate(next)}",
            "no split keeps up",
            "no split keeps up at any rate run",
            "at every rate at which a split keeps up");
    }
}
