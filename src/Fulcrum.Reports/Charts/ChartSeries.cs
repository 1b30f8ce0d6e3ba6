namespace Fulcrum.Reports.Charts;

/// <summary>
/// A named set of points, for example one deployment configuration's latency at each batch size.
/// <paramref name="Color"/> is "#rrggbb"; when null the renderer picks one from <see cref="ChartPalette"/>
/// by the series' position, so the same series order gives the same colours in every chart.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? Color = null);
