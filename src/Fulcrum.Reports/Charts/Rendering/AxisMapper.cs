namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>
/// Maps data values to plot coordinates for one axis: unchanged on a linear axis, log10 on a log axis.
/// Records the mapped values so the axis limits and log ticks can be set from what was actually drawn.
/// </summary>
internal sealed class AxisMapper(AxisSpec axis)
{
    private double min = double.PositiveInfinity;
    private double max = double.NegativeInfinity;

    public AxisSpec Axis { get; } = axis;

    public bool IsLog => Axis.Scale == AxisScale.Log10;

    /// <summary>Whether any value has been mapped.</summary>
    public bool HasData => min <= max;

    public double Min => min;

    public double Max => max;

    /// <summary>Returns the plot coordinate of <paramref name="value"/>, or null when it cannot be drawn (NaN, infinite, or not positive on a log axis).</summary>
    public double? Map(double value)
    {
        if (!double.IsFinite(value) || (IsLog && value <= 0))
        {
            return null;
        }

        return IsLog ? Math.Log10(value) : value;
    }

    /// <summary>Counts an already mapped coordinate towards the axis range.</summary>
    public void Record(double coordinate)
    {
        min = Math.Min(min, coordinate);
        max = Math.Max(max, coordinate);
    }
}
