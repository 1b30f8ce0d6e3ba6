using ScottPlot;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Builds the plot of a <see cref="ScatterChartSpec"/>: series points, frontier line, highlighted points.</summary>
internal static class ScatterPlotBuilder
{
    private static readonly MarkerShape[] HighlightShapes =
        [MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp, MarkerShape.FilledSquare, MarkerShape.FilledTriangleDown];

    // Highlights take their default colours from the far end of the palette, away from the first series' colours.
    private const int HighlightPaletteOffset = 3;

    public static Plot Build(ScatterChartSpec spec, ChartLayout layout, bool vector = false)
    {
        var plot = PlotStyle.CreatePlot(spec.Title);
        var x = new AxisMapper(spec.X);
        var y = new AxisMapper(spec.Y);

        for (var i = 0; i < spec.Series.Count; i++)
        {
            AddSeries(plot, spec.Series[i], ChartColors.Resolve(spec.Series[i].Color, i), x, y, layout);
        }

        var frontier = MappedPoints.From(spec.Frontier.OrderBy(p => p.X).ThenBy(p => p.Y), x, y);
        if (frontier.Count > 0)
        {
            var line = plot.Add.ScatterLine(frontier.Xs, frontier.Ys, ChartColors.Frontier);
            line.LineWidth = 2;
            // Skia's SVG canvas has no path effects: it draws a dashed line solid and prints a warning, so SVG gets a solid line.
            line.LinePattern = vector ? LinePattern.Solid : LinePattern.Dashed;
            line.LegendText = layout.LegendEntry(spec.FrontierName);
        }

        for (var i = 0; i < spec.Highlights.Count; i++)
        {
            AddHighlight(plot, spec.Highlights[i], i, x, y, layout);
        }

        PlotStyle.FinishAxes(plot, x, y, hasPointLabels: spec.Series.Any(s => s.Points.Any(p => !string.IsNullOrWhiteSpace(p.Label))) || spec.Highlights.Any(h => !string.IsNullOrWhiteSpace(h.Point.Label)));
        if (spec.Series.Count > 1 || frontier.Count > 0 || spec.Highlights.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        PlotStyle.FitToDataArea(plot, layout, spec.Title, spec.X.Label, spec.Y.Label);
        return plot;
    }

    private static void AddSeries(Plot plot, ChartSeries series, Color color, AxisMapper x, AxisMapper y, ChartLayout layout)
    {
        var points = MappedPoints.From(series.Points, x, y);
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.ScatterPoints(points.Xs, points.Ys, color);
        scatter.MarkerSize = 8;
        scatter.LegendText = layout.LegendEntry(series.Name);
        for (var i = 0; i < points.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(points.Labels[i]))
            {
                PlotStyle.AddPointLabel(plot, points.Labels[i]!, points.Xs[i], points.Ys[i], ChartColors.Text);
            }
        }
    }

    private static void AddHighlight(Plot plot, HighlightedPoint highlight, int index, AxisMapper x, AxisMapper y, ChartLayout layout)
    {
        var point = MappedPoints.From([highlight.Point], x, y);
        if (point.Count == 0)
        {
            return;
        }

        var color = ChartColors.Resolve(highlight.Color, HighlightPaletteOffset + index);
        var marker = plot.Add.Marker(point.Xs[0], point.Ys[0], HighlightShapes[index % HighlightShapes.Length], 16, color);
        marker.MarkerLineColor = Colors.Black;
        marker.MarkerLineWidth = 1;

        var label = highlight.Point.Label;
        marker.LegendText = layout.LegendEntry(string.IsNullOrWhiteSpace(label) ? highlight.Name : $"{highlight.Name}: {label}");
        if (!string.IsNullOrWhiteSpace(label))
        {
            PlotStyle.AddPointLabel(plot, label, point.Xs[0], point.Ys[0], ChartColors.Text, bold: true);
        }
    }
}
