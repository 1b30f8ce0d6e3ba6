namespace Fulcrum.Reports.Charts;

/// <summary>
/// Points of one or more series, with an optional frontier line through <see cref="Frontier"/> (drawn in
/// order of increasing X) and optional <see cref="Highlights"/>. Used for the Pareto frontier of
/// throughput per GPU against interactivity or TTFT.
/// </summary>
public sealed record ScatterChartSpec(string Title, AxisSpec X, AxisSpec Y, IReadOnlyList<ChartSeries> Series)
    : ChartSpec(Title)
{
    /// <summary>Points joined by the frontier line; empty for none.</summary>
    public IReadOnlyList<ChartPoint> Frontier { get; init; } = [];

    /// <summary>Legend text of the frontier line.</summary>
    public string FrontierName { get; init; } = "Pareto frontier";

    /// <summary>Points drawn on top with their own markers and legend entries.</summary>
    public IReadOnlyList<HighlightedPoint> Highlights { get; init; } = [];
}
