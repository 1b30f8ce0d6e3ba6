namespace Fulcrum.Metrics;

/// <summary>
/// Statistics of one latency metric, seconds. Percentiles interpolate linearly between the two nearest ranks,
/// as NumPy's default (and so <c>vllm bench serve</c>) does; the standard deviation is the population one.
/// </summary>
public sealed record LatencySummary(
    long Count,
    double Mean,
    double Median,
    double P90,
    double P95,
    double P99,
    double StandardDeviation,
    double Min,
    double Max)
{
    /// <summary>Summarises <paramref name="values"/>; null when there are none (missing data is never 0). Sorts the span in place.</summary>
    public static LatencySummary? Of(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        values.Sort();
        var mean = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            mean += (values[i] - mean) / (i + 1);
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return new LatencySummary(
            values.Length, mean, Percentile(values, 50), Percentile(values, 90), Percentile(values, 95), Percentile(values, 99),
            Math.Sqrt(squares / values.Length), values[0], values[^1]);
    }

    /// <summary>The <paramref name="percent"/>th percentile of sorted values with linear interpolation between ranks.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double percent)
    {
        var rank = percent / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }
}
