using static Fulcrum.Study.Findings.Numbers;

namespace Fulcrum.Study.Findings;

/// <summary>For each input length: the split with the lowest TTFT, the lowest TPOT and the highest throughput, and by how much.</summary>
internal static class BestSplitFindings
{
    public static IEnumerable<Finding> Compute(StudyGrid grid, IReadOnlyList<InputComparison> comparisons)
    {
        foreach (var c in comparisons)
        {
            var clauses = new List<string>
            {
                Lowest("TTFT", c.Ttft, $"batch {Tokens(grid.SmallestBatch)}"),
                Lowest("TPOT", c.Tpot, $"batch {Tokens(grid.SmallestBatch)}"),
                Highest(c.Throughput),
            };
            if (c.Ttft.Missing.Count > 0 && !c.Ttft.IsEmpty)
            {
                var verb = c.Ttft.Missing.Count == 1 ? "does" : "do";
                clauses.Add($"{List(c.Ttft.Missing.Select(s => s.ToString()).ToList())} {verb} not fit batch {Tokens(grid.SmallestBatch)} at every output length and {verb} not take part");
            }

            yield return new Finding(FindingKind.BestSplit, $"Input {Tokens(c.Input)} {(c.Input == 1 ? "token" : "tokens")}. {string.Join(". ", clauses)}.");
        }
    }

    private static string Lowest(string metric, Ranking ranking, string where)
    {
        if (ranking.IsEmpty)
        {
            return $"No split has a {metric} at {where}";
        }

        var (best, value) = ranking.Best;
        var text = $"Lowest {metric}: {best}, {Ms(value)} at {where}";
        if (ranking.Entries.Count == 1)
        {
            return text + " (the only split with a value)";
        }

        var (second, secondValue) = ranking.Entries[1];
        text += $", {Below(value, secondValue)} the runner-up {second} ({Ms(secondValue)})";
        if (ranking.Entries.Count > 2)
        {
            var (worst, worstValue) = ranking.Worst;
            text += $"; the slowest, {worst}, takes {Times(worstValue / value)} as long ({Ms(worstValue)})";
        }

        return text;
    }

    private static string Highest(Ranking ranking)
    {
        if (ranking.IsEmpty)
        {
            return "No split fits a batch";
        }

        var (best, value) = ranking.Best;
        var text = $"Highest output throughput: {best}, {Throughput(value)} per GPU at its best batch size";
        if (ranking.Entries.Count == 1)
        {
            return text + " (the only split that fits)";
        }

        var (second, secondValue) = ranking.Entries[1];
        text += $", {Above(value, secondValue)} the runner-up {second} ({Throughput(secondValue)})";
        if (ranking.Entries.Count > 2)
        {
            var (worst, worstValue) = ranking.Worst;
            text += $"; the lowest, {worst}, reaches {Percent(worstValue / value)} of it ({Throughput(worstValue)})";
        }

        return text;
    }
}
