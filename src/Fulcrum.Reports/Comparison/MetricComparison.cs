namespace Fulcrum.Reports.Comparison;

/// <summary>One metric of a predicted and a measured result.</summary>
/// <param name="Name">The JSON field, e.g. <c>mean_ttft_ms</c>.</param>
/// <param name="Predicted">The simulated value; null when the file has none.</param>
/// <param name="Measured">The benchmarked value; null when the file has none.</param>
public sealed record MetricComparison(string Name, double? Predicted, double? Measured)
{
    /// <summary>(predicted − measured) / measured; null when either is missing or the measurement is zero.</summary>
    public double? RelativeError => Predicted is { } p && Measured is { } m && m != 0 ? (p - m) / m : null;
}
