namespace Fulcrum.Reports.Charts;

/// <summary>
/// One bar per name in <see cref="Bars"/> (for example per configuration), each split into the
/// <see cref="Segments"/> stacked in the order given (for example the time breakdown by category).
/// The first bar is drawn at the top (horizontal) or on the left (vertical).
/// </summary>
public sealed record StackedBarChartSpec(
    string Title,
    AxisSpec Value,
    IReadOnlyList<string> Bars,
    IReadOnlyList<StackedBarSegment> Segments) : ChartSpec(Title)
{
    public BarOrientation Orientation { get; init; } = BarOrientation.Horizontal;
}
