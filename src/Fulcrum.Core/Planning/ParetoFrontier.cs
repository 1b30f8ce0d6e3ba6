namespace Fulcrum.Planning;

/// <summary>
/// The Pareto frontier of points on two objectives, both maximized (negate a value to minimize it, such as TTFT).
/// A point is on the frontier when no other point is at least as good on both objectives and better on one.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>Returns the indices of the undominated points, ordered by the first objective descending.</summary>
    /// <remarks>Points with a NaN objective are never on the frontier. Exact duplicates are all kept.</remarks>
    public static IReadOnlyList<int> Indices(IReadOnlyList<(double First, double Second)> points)
    {
        var order = Enumerable.Range(0, points.Count)
            .Where(i => !double.IsNaN(points[i].First) && !double.IsNaN(points[i].Second))
            .OrderByDescending(i => points[i].First)
            .ThenByDescending(i => points[i].Second)
            .ToList();

        var frontier = new List<int>();
        var bestSecond = double.NegativeInfinity;
        var bestFirstAtBest = double.NaN;
        foreach (var i in order)
        {
            var (first, second) = points[i];
            if (second > bestSecond)
            {
                frontier.Add(i);
                bestSecond = second;
                bestFirstAtBest = first;
            }
            else if (second == bestSecond && first == bestFirstAtBest)
            {
                // An exact duplicate of a frontier point is not dominated by it.
                frontier.Add(i);
            }
        }

        return frontier;
    }

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/>: at least as good on both, better on one.</summary>
    public static bool Dominates((double First, double Second) a, (double First, double Second) b) =>
        a.First >= b.First && a.Second >= b.Second && (a.First > b.First || a.Second > b.Second);
}
