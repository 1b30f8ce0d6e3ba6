using Fulcrum.Planning;
using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>
/// For each SLA: the static points at which each split meets it, and the best split per input length at the reference
/// output length (the most output throughput per GPU among batches that meet it). Online, the split that meets it at
/// the highest request rate of each workload.
/// </summary>
internal static class SlaFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid, IReadOnlyList<OnlineCurve> online, IReadOnlyList<ServiceLevelAgreement> slas)
    {
        var gridSize = grid.InputLengths.Count * grid.OutputLengths.Count * grid.BatchSizes.Count;
        foreach (var sla in slas)
        {
            var name = Describe(sla);
            var counts = grid.Splits
                .Select(s => (Split: s, Count: grid.Points.Count(p => p.Split == s && p.Run is { } run && run.Meets(sla))))
                .OrderByDescending(x => x.Count)
                .ToList();
            var countText = List(counts.Select(x => $"{x.Split} {x.Count}").ToList());
            yield return new Finding(FindingKind.Sla, $"{name}, static batches: grid points that meet it, of {gridSize} per split: {countText}.");

            var output = grid.ReferenceOutput;
            var best = grid.InputLengths.Select(input => $"input {Tokens(input)}: {BestAt(grid, sla, input, output)}").ToList();
            yield return new Finding(FindingKind.Sla,
                $"{name}, best split per input length (output {Tokens(output)}, most output throughput per GPU among batches that meet it): {string.Join("; ", best)}.");

            foreach (var workload in online.Select(c => c.Workload).Distinct())
            {
                yield return new Finding(FindingKind.Sla, Online(sla, name, workload, online.Where(c => c.Workload == workload).ToList()));
            }
        }
    }

    /// <summary>"Chat SLA (p99 TTFT ≤ 2000 ms, p99 TPOT ≤ 200 ms)".</summary>
    public static string Describe(ServiceLevelAgreement sla) =>
        sla.Objectives.Count == 0
            ? $"{Capitalize(sla.Name)} SLA (no objectives)"
            : $"{Capitalize(sla.Name)} SLA ({string.Join(", ", sla.Objectives)})";

    private static string BestAt(StudyGrid grid, ServiceLevelAgreement sla, int input, int output)
    {
        var feasible = grid.Splits
            .SelectMany(s => grid.Run(s, input, output))
            .Where(p => p.Run!.Meets(sla))
            .ToList();
        if (feasible.Count == 0)
        {
            return "no split meets it";
        }

        // Ties keep grid order: splits first, then batch sizes.
        var top = feasible.OrderByDescending(p => p.OutputThroughputPerGpu).First();
        return $"{top.Split}, {Throughput(top.OutputThroughputPerGpu!.Value)} per GPU at batch {Tokens(top.BatchSize)}";
    }

    private static string Online(ServiceLevelAgreement sla, string name, string workload, IReadOnlyList<OnlineCurve> curves)
    {
        var capacities = curves
            .Select(c => (c.Split, Point: c.HighestRateMeeting(sla)))
            .ToList();
        var meeting = capacities.Where(c => c.Point is not null).OrderByDescending(c => c.Point!.RequestRate).ToList();
        var none = capacities.Where(c => c.Point is null).Select(c => c.Split.ToString()).ToList();
        var prefix = $"{name}, online {workload} workload";
        if (meeting.Count == 0)
        {
            return $"{prefix}: no split meets it at any rate run.";
        }

        var (split, point) = meeting[0];
        var text = $"{prefix}: {split} meets it up to the highest rate, {Rate(point!.RequestRate)} of the rates run ({Plain(point.RequestRate / split.Gpus)} req/s per GPU)";
        if (meeting.Count > 1)
        {
            var (second, secondPoint) = meeting[1];
            text += secondPoint!.RequestRate == point.RequestRate
                ? $", as does {second}"
                : $", {Above(point.RequestRate, secondPoint.RequestRate)} the runner-up {second} ({Rate(secondPoint.RequestRate)})";
        }

        if (none.Count > 0)
        {
            text += $"; {List(none)} {(none.Count == 1 ? "meets" : "meet")} it at no rate run";
        }

        return text + ".";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
