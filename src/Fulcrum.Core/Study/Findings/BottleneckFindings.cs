using Fulcrum.Specs.Deployments;
using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>
/// The dominant bottleneck of each split in four regimes at the reference output length: the smallest batch and the
/// largest batch that fits, each at the shortest and the longest input. Then which splits lose the most to
/// collectives and to bubbles, and where KV capacity caps the batch.
/// </summary>
internal static class BottleneckFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid)
    {
        var output = grid.ReferenceOutput;
        var inputs = new[] { grid.InputLengths[0], grid.InputLengths[^1] }.Distinct().ToList();
        foreach (var split in grid.Splits)
        {
            var clauses = new List<string>();
            foreach (var large in new[] { false, true })
            {
                foreach (var input in inputs)
                {
                    clauses.Add(Regime(grid, split, input, output, large));
                }
            }

            yield return new Finding(FindingKind.Bottleneck, $"{split} (output {Tokens(output)}): {string.Join("; ", clauses.Distinct())}.");
        }

        if (Leaders(grid, grid.InputLengths[0], output) is { } leaders)
        {
            yield return new Finding(FindingKind.Bottleneck, leaders);
        }

        yield return new Finding(FindingKind.Bottleneck, KvCapacity(grid, output));
    }

    private static string Regime(StudyGrid grid, Split split, int input, int output, bool large)
    {
        var runs = grid.Run(split, input, output);
        if (runs.Count == 0)
        {
            return $"input {Tokens(input)} does not fit";
        }

        var point = large ? runs[^1] : runs[0];
        var where = $"batch {Tokens(point.BatchSize)} at input {Tokens(input)}";
        if (large && point.BatchSize < grid.LargestBatchSize)
        {
            where += $" (KV capacity caps the batch at {Tokens(point.LargestBatch)})";
        }

        if (point.Time is not { } time || time.TotalSeconds <= 0)
        {
            return $"{where}, no GPU time recorded";
        }

        var top = Bottlenecks.All.OrderByDescending(time.Seconds).Take(2).ToList();
        var second = time.Share(top[1]) is > 0 ? $" and {top[1].Name()} {Percent(time.Share(top[1])!.Value)}" : string.Empty;
        return $"{where}, {top[0].Name()} {Percent(time.Share(top[0])!.Value)}{second}";
    }

    /// <summary>At the largest batch of the shortest input: which split loses the largest share to collectives, and to bubbles.</summary>
    private static string? Leaders(StudyGrid grid, int input, int output)
    {
        var shares = grid.Splits
            .Select(s => (Split: s, Point: grid.Run(s, input, output) is { Count: > 0 } runs ? runs[^1] : null))
            .Where(x => x.Point?.Time is not null)
            .ToList();
        if (shares.Count < 2)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var bottleneck in new[] { Bottleneck.Collectives, Bottleneck.PipelineBubbles })
        {
            var top = shares.MaxBy(x => x.Point!.Time!.Value.Share(bottleneck) ?? 0);
            var share = top.Point!.Time!.Value.Share(bottleneck) ?? 0;
            parts.Add(share > 0
                ? $"{bottleneck.Name()} take their largest share in {top.Split} ({Percent(share)} at batch {Tokens(top.Point.BatchSize)})"
                : $"no split spends time on {bottleneck.Name()}");
        }

        return $"At the largest batch that fits at input {Tokens(input)} and output {Tokens(output)}, {List(parts)}.";
    }

    /// <summary>For each split, the shortest input at which the KV cache has room for fewer requests than the largest batch size.</summary>
    private static string KvCapacity(StudyGrid grid, int output)
    {
        var target = grid.LargestBatchSize;
        var groups = grid.Splits
            .Select(s => (Split: s, From: grid.InputLengths.Cast<int?>().FirstOrDefault(i => grid.At(s, i!.Value, output, target).LargestBatch < target)))
            .GroupBy(x => x.From)
            .OrderBy(g => g.Key ?? int.MaxValue)
            .ToList();
        var parts = groups.Where(g => g.Key is not null)
            .Select(g => $"from input {Tokens(g.Key!.Value)} on {List(g.Select(x => x.Split.ToString()).ToList())}")
            .ToList();
        var never = groups.FirstOrDefault(g => g.Key is null)?.Select(x => x.Split.ToString()).ToList() ?? [];
        if (parts.Count == 0)
        {
            return $"KV capacity never caps the batch below {Tokens(target)} at output {Tokens(output)}: every split has room for that many requests at every input length.";
        }

        var tail = never.Count > 0 ? $"; it never binds on {List(never)}" : string.Empty;
        return $"KV capacity caps the batch below {Tokens(target)} at output {Tokens(output)} {List(parts)}{tail}.";
    }
}
