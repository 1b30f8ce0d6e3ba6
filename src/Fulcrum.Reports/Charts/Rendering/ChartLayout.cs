namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>
/// The pixel size a plot is drawn at, and the widths of the texts that decide the data area's size. Legend
/// entries and category names get at most a fraction of the width, so a long one cannot squeeze the data area
/// to nothing. Titles and axis labels are fitted afterwards to the data area (<see cref="PlotStyle.FitToDataArea"/>).
/// </summary>
internal readonly record struct ChartLayout(int Width, int Height)
{
    public string LegendEntry(string text) =>
        ChartText.Fit(text, ChartText.LabelLength, Math.Max(100, Width * 0.28f), PlotStyle.LegendSize);

    /// <summary>Fits a category name on a bar or heat map axis.</summary>
    public string Tick(string text) =>
        ChartText.Fit(text, ChartText.TickLength, Math.Max(60, Width * 0.22f), PlotStyle.TickLabelSize);

    public static string PointLabel(string text) => ChartText.Fit(text, ChartText.TickLength);
}
