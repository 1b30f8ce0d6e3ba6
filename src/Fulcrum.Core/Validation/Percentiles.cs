namespace Fulcrum.Validation;

/// <summary>Percentiles by linear interpolation between the two nearest ranks (the default of numpy.percentile).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="fraction"/> percentile (0.5 is the median) of <paramref name="values"/>.</summary>
    public static double Of(IEnumerable<double> values, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values to take a percentile of.", nameof(values));
        }

        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
