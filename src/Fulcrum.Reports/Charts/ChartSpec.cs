namespace Fulcrum.Reports.Charts;

/// <summary>
/// What to draw, as plain data: one of <see cref="ScatterChartSpec"/>, <see cref="LineChartSpec"/>,
/// <see cref="PanelGridSpec"/>, <see cref="StackedBarChartSpec"/> or <see cref="CategoryHeatMapSpec"/>.
/// <see cref="ChartRenderer"/> turns it into PNG or SVG.
/// </summary>
public abstract record ChartSpec(string Title);
