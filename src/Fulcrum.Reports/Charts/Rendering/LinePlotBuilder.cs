using ScottPlot;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Builds the plot of a <see cref="LineChartSpec"/>: one line per series.</summary>
internal static class LinePlotBuilder
{
    public static Plot Build(LineChartSpec spec, ChartLayout layout) =>
        Build(spec, layout, i => ChartColors.Resolve(spec.Series[i].Color, i), showLegend: true);

    /// <summary>Builds the plot with colours chosen by <paramref name="colorOf"/> (series index to colour).</summary>
    public static Plot Build(LineChartSpec spec, ChartLayout layout, Func<int, Color> colorOf, bool showLegend)
    {
        var plot = PlotStyle.CreatePlot(spec.Title);
        var x = new AxisMapper(spec.X);
        var y = new AxisMapper(spec.Y);
        var drawn = 0;

        for (var i = 0; i < spec.Series.Count; i++)
        {
            var series = spec.Series[i];
            var points = MappedPoints.From(series.Points, x, y);
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Xs, points.Ys, colorOf(i));
            line.LineWidth = 2;
            line.MarkerSize = spec.ShowMarkers ? 6 : 0;
            line.LegendText = layout.LegendEntry(series.Name);
            drawn++;
            for (var p = 0; p < points.Count; p++)
            {
                if (!string.IsNullOrWhiteSpace(points.Labels[p]))
                {
                    PlotStyle.AddPointLabel(plot, points.Labels[p]!, points.Xs[p], points.Ys[p], colorOf(i));
                }
            }
        }

        PlotStyle.FinishAxes(plot, x, y, hasPointLabels: spec.Series.Any(s => s.Points.Any(p => !string.IsNullOrWhiteSpace(p.Label))));
        if (showLegend && drawn > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        PlotStyle.FitToDataArea(plot, layout, spec.Title, spec.X.Label, spec.Y.Label);
        return plot;
    }
}
