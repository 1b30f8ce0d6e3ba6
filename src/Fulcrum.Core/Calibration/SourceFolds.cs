namespace Fulcrum.Calibration;

/// <summary>
/// Cross-validation folds by source: every row of one source lands in the same fold, so a profile is never
/// scored on a source it was fitted to. Sources are sorted by name and dealt to the folds in turn.
/// </summary>
public static class SourceFolds
{
    /// <summary>
    /// The fold of each row, from 0 to k − 1, with k = min(<paramref name="folds"/>, distinct sources); one fold per
    /// source when <paramref name="folds"/> is null.
    /// </summary>
    public static int[] Assign(IReadOnlyList<string> rowSources, int? folds = null)
    {
        ArgumentNullException.ThrowIfNull(rowSources);
        if (folds is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least two folds.");
        }

        var sources = rowSources.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var k = Math.Min(folds ?? sources.Count, sources.Count);
        var foldOfSource = sources.Select((s, i) => (s, i % Math.Max(1, k))).ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
        return rowSources.Select(s => foldOfSource[s]).ToArray();
    }
}
