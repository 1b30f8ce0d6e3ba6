namespace Fulcrum.Reports.Charts;

/// <summary>Direction of the bars: horizontal bars list their names down the left axis.</summary>
public enum BarOrientation
{
    Horizontal,
    Vertical,
}
