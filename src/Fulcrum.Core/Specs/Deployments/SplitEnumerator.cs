namespace Fulcrum.Specs.Deployments;

/// <summary>A TP × PP × DP split of a number of GPUs.</summary>
public readonly record struct Split(int Tp, int Pp, int Dp)
{
    public int Gpus => Tp * Pp * Dp;

    public override string ToString() => $"TP{Tp}×PP{Pp}×DP{Dp}";
}

/// <summary>Lists the ways to split GPUs into replicas of TP × PP.</summary>
public static class SplitEnumerator
{
    /// <summary>Every (TP, PP, DP) with TP × PP × DP = <paramref name="gpus"/>, ordered by DP, then TP descending.</summary>
    public static IReadOnlyList<Split> All(int gpus)
    {
        var splits = new List<Split>();
        for (var tp = 1; tp <= gpus; tp++)
        {
            if (gpus % tp != 0)
            {
                continue;
            }

            var rest = gpus / tp;
            for (var pp = 1; pp <= rest; pp++)
            {
                if (rest % pp == 0)
                {
                    splits.Add(new Split(tp, pp, rest / pp));
                }
            }
        }

        return splits.OrderBy(s => s.Dp).ThenByDescending(s => s.Tp).ToList();
    }
}
