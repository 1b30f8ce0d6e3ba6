namespace Fulcrum.Reports.Charts;

/// <summary>
/// A point to mark on a scatter chart with its own marker and legend entry, such as "Recommended" or
/// "Lowest latency". The point's label (for example the configuration) is drawn beside the marker.
/// </summary>
public sealed record HighlightedPoint(string Name, ChartPoint Point, string? Color = null);
