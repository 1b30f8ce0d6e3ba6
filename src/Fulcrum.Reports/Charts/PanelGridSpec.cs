namespace Fulcrum.Reports.Charts;

/// <summary>
/// Line charts laid out as a grid in one image, under one title and one shared legend: for example one
/// panel per input length. A series keeps its colour in every panel (matched by name).
/// </summary>
public sealed record PanelGridSpec(string Title, IReadOnlyList<LineChartSpec> Panels) : ChartSpec(Title)
{
    /// <summary>Panels per row; fewer when there are fewer panels.</summary>
    public int Columns { get; init; } = 3;
}
