namespace Fulcrum.Reports.Charts;

/// <summary>
/// One line per series, points joined in the order given: for example latency against throughput per
/// configuration, or TTFT against batch size. Either axis may be logarithmic.
/// </summary>
public sealed record LineChartSpec(string Title, AxisSpec X, AxisSpec Y, IReadOnlyList<ChartSeries> Series)
    : ChartSpec(Title)
{
    /// <summary>Whether each point gets a marker as well as the line.</summary>
    public bool ShowMarkers { get; init; } = true;
}
