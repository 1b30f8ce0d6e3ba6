using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;
using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>
/// Latency flexibility: for each split at the reference input and output lengths, how far latency moves as the
/// batch grows from the smallest to the largest that fits, against the throughput it buys.
/// </summary>
internal static class FlexibilityFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid)
    {
        var input = grid.ReferenceInput;
        var output = grid.ReferenceOutput;
        var ranges = new List<(Split Split, double TpotRatio, double TpotLow, double TpotHigh)>();
        foreach (var split in grid.Splits)
        {
            var runs = grid.Run(split, input, output);
            var largest = grid.At(split, input, output, grid.SmallestBatch).LargestBatch;
            if (runs.Count == 0)
            {
                yield return new Finding(FindingKind.Flexibility,
                    $"{split} (input {Tokens(input)}, output {Tokens(output)}): no batch fits; the KV cache has room for {Tokens(largest)} such requests.");
                continue;
            }

            if (runs.Count == 1)
            {
                yield return new Finding(FindingKind.Flexibility, grid.BatchSizes.Count == 1
                    ? $"{split} (input {Tokens(input)}, output {Tokens(output)}): one batch size was run, so there is no range to report."
                    : $"{split} (input {Tokens(input)}, output {Tokens(output)}): only batch {Tokens(runs[0].BatchSize)} fits (the KV cache has room for {Tokens(largest)} such requests), so it has no latency to trade for throughput.");
                continue;
            }

            var first = runs[0];
            var last = runs[^1];
            var clauses = new List<string> { Move("output throughput per GPU", first.OutputThroughputPerGpu, last.OutputThroughputPerGpu, Throughput) };
            var tpotLow = first.LatencyMs(SloMetric.Tpot);
            var tpotHigh = last.LatencyMs(SloMetric.Tpot);
            clauses.Add(Move("TPOT", tpotLow, tpotHigh, Ms));
            clauses.Add(Move("TTFT", first.LatencyMs(SloMetric.Ttft), last.LatencyMs(SloMetric.Ttft), Ms));
            clauses.Add(Move("E2E latency", first.LatencyMs(SloMetric.E2e), last.LatencyMs(SloMetric.E2e), Ms));
            var cap = last.BatchSize < grid.LargestBatchSize
                ? $"; KV capacity stops it at batch {Tokens(last.BatchSize)} (its KV cache has room for {Tokens(last.LargestBatch)} such requests)"
                : string.Empty;
            yield return new Finding(FindingKind.Flexibility,
                $"{split} (input {Tokens(input)}, output {Tokens(output)}): from batch {Tokens(first.BatchSize)} to {Tokens(last.BatchSize)}, {clauses[0]}, while {List(clauses.Skip(1).ToList())}{cap}.");
            if (tpotLow is > 0 && tpotHigh is { } high)
            {
                ranges.Add((split, high / tpotLow.Value, tpotLow.Value, high));
            }
        }

        if (ranges.Count >= 2)
        {
            var widest = ranges.MaxBy(r => r.TpotRatio);
            var narrowest = ranges.MinBy(r => r.TpotRatio);
            yield return new Finding(FindingKind.Flexibility,
                $"Across batch sizes at input {Tokens(input)} and output {Tokens(output)}, {widest.Split} spans the widest TPOT range ({Ms(widest.TpotLow)} to {Ms(widest.TpotHigh)}, {Times(widest.TpotRatio)}) and {narrowest.Split} the narrowest ({Ms(narrowest.TpotLow)} to {Ms(narrowest.TpotHigh)}, {Times(narrowest.TpotRatio)}).");
        }
    }

    private static string Move(string quantity, double? from, double? to, Func<double, string> format) =>
        from is { } a && to is { } b && a > 0
            ? $"{quantity} goes from {format(a)} to {format(b)} ({Times(b / a)})"
            : $"{quantity} is undefined";
}
