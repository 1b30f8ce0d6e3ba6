using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Builds the plot of a <see cref="StackedBarChartSpec"/>: one bar plot per segment, stacked bar by bar.</summary>
internal static class StackedBarPlotBuilder
{
    public static Plot Build(StackedBarChartSpec spec, ChartLayout layout)
    {
        Validate(spec);

        var plot = PlotStyle.CreatePlot(spec.Title);
        var horizontal = spec.Orientation == BarOrientation.Horizontal;
        var barCount = spec.Bars.Count;
        var stackTops = new double[barCount];

        for (var s = 0; s < spec.Segments.Count; s++)
        {
            var segment = spec.Segments[s];
            var color = ChartColors.Resolve(segment.Color, s);
            var bars = new List<Bar>();
            for (var b = 0; b < barCount; b++)
            {
                if (segment.Values[b] is not { } value || !double.IsFinite(value) || value == 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = horizontal ? barCount - 1 - b : b,
                    ValueBase = stackTops[b],
                    Value = stackTops[b] + value,
                    FillColor = color,
                    LineColor = Colors.White,
                    LineWidth = 0.5f,
                    Size = 0.7,
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                });
                stackTops[b] += value;
            }

            if (bars.Count > 0)
            {
                var barPlot = plot.Add.Bars(bars);
                barPlot.LegendText = layout.LegendEntry(segment.Name);
            }
        }

        SetAxes(plot, spec, stackTops, layout);
        var horizontalValue = spec.Orientation == BarOrientation.Horizontal;
        PlotStyle.FitToDataArea(plot, layout, spec.Title, horizontalValue ? spec.Value.Label : null, horizontalValue ? null : spec.Value.Label);
        return plot;
    }

    private static void SetAxes(Plot plot, StackedBarChartSpec spec, double[] stackTops, ChartLayout layout)
    {
        var horizontal = spec.Orientation == BarOrientation.Horizontal;
        var barCount = spec.Bars.Count;
        var categoryAxis = horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueLabel = ChartText.Fit(spec.Value.Label, ChartText.LabelLength);

        var ticks = new NumericManual();
        for (var b = 0; b < barCount; b++)
        {
            ticks.AddMajor(horizontal ? barCount - 1 - b : b, layout.Tick(spec.Bars[b]));
        }

        categoryAxis.TickGenerator = ticks;
        if (horizontal)
        {
            plot.XLabel(valueLabel, PlotStyle.AxisLabelSize);
            plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        }
        else
        {
            plot.YLabel(valueLabel, PlotStyle.AxisLabelSize);
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
            if (spec.Bars.Any(name => name.Length > 8))
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            }
        }

        // Bars start at the axis; the value axis ends 5% past the tallest stack (or at 1 when nothing was drawn).
        var maxTotal = stackTops.Length == 0 ? 0 : stackTops.Max();
        var valueMax = maxTotal > 0 ? maxTotal * 1.05 : 1;
        var categoryRange = (Low: -0.6, High: Math.Max(barCount, 1) - 0.4);
        if (horizontal)
        {
            plot.Axes.SetLimits(0, valueMax, categoryRange.Low, categoryRange.High);
        }
        else
        {
            plot.Axes.SetLimits(categoryRange.Low, categoryRange.High, 0, valueMax);
        }

        if (maxTotal > 0)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            PlotStyle.AddNoDataNote(plot);
        }
    }

    private static void Validate(StackedBarChartSpec spec)
    {
        foreach (var segment in spec.Segments)
        {
            if (segment.Values.Count != spec.Bars.Count)
            {
                throw new ArgumentException(
                    $"Segment '{segment.Name}' has {segment.Values.Count} values but the chart has {spec.Bars.Count} bars; give one value (or null) per bar.",
                    nameof(spec));
            }

            for (var b = 0; b < segment.Values.Count; b++)
            {
                if (segment.Values[b] is < 0)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Segment '{segment.Name}' of bar '{spec.Bars[b]}' is {segment.Values[b]}; stacked values must be zero or more."),
                        nameof(spec));
                }
            }
        }
    }
}
