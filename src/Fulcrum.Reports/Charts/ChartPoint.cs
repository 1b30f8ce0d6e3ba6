namespace Fulcrum.Reports.Charts;

/// <summary>
/// One data point. A point whose X or Y is NaN or infinite is left out of the chart, so callers can pass
/// missing measurements as <see cref="double.NaN"/>. <paramref name="Label"/>, when set, is drawn beside the point.
/// </summary>
public sealed record ChartPoint(double X, double Y, string? Label = null)
{
    /// <summary>Whether both coordinates are finite numbers.</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);
}
