using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study.Findings;

/// <summary>Splits ordered best first by one value, and the splits that had no value to rank.</summary>
internal sealed record Ranking(IReadOnlyList<(Split Split, double Value)> Entries, IReadOnlyList<Split> Missing)
{
    public bool IsEmpty => Entries.Count == 0;

    public (Split Split, double Value) Best => Entries[0];

    public (Split Split, double Value) Worst => Entries[^1];

    /// <summary>Ranks <paramref name="splits"/> by <paramref name="value"/>, lowest first or highest first; ties keep the given order.</summary>
    public static Ranking Of(IEnumerable<Split> splits, Func<Split, double?> value, bool lowestFirst)
    {
        var entries = new List<(Split, double)>();
        var missing = new List<Split>();
        foreach (var split in splits)
        {
            if (value(split) is { } v && double.IsFinite(v))
            {
                entries.Add((split, v));
            }
            else
            {
                missing.Add(split);
            }
        }

        var ordered = lowestFirst ? entries.OrderBy(e => e.Item2) : entries.OrderByDescending(e => e.Item2);
        return new Ranking(ordered.ToList(), missing);
    }
}
