namespace Fulcrum.Reports.Charts;

/// <summary>Axis scale. On a <see cref="Log10"/> axis, points with a value of zero or less are left out.</summary>
public enum AxisScale
{
    Linear,
    Log10,
}
