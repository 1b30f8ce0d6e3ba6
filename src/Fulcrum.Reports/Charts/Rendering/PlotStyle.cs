using ScottPlot;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>The look shared by every chart: fonts, sizes, colours, grid, axis labels and limits.</summary>
internal static class PlotStyle
{
    public const float TitleSize = 17;
    public const float AxisLabelSize = 14;
    public const float TickLabelSize = 12;
    public const float LegendSize = 12;
    public const float PointLabelSize = 11;

    /// <summary>Creates an empty plot with the house style and <paramref name="title"/>.</summary>
    public static Plot CreatePlot(string title)
    {
        ChartFonts.EnsureRegistered();

        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;

        var fitted = ChartText.Fit(title, ChartText.TitleLength);
        if (fitted.Length > 0)
        {
            plot.Title(fitted, TitleSize);
            plot.Axes.Title.Label.Bold = true;

            // Centred on the image rather than on the data area, so a legend beside the data cannot push a
            // long title off the left edge.
            plot.Axes.Title.FullFigureCenter = true;
            plot.Axes.Title.Label.ForeColor = ChartColors.Text;
        }

        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelSize;
            axis.Label.Bold = false;
            axis.Label.ForeColor = ChartColors.Text;
            axis.TickLabelStyle.FontSize = TickLabelSize;
            axis.TickLabelStyle.ForeColor = ChartColors.Text;
            axis.FrameLineStyle.Color = ChartColors.Frame;
            axis.MajorTickStyle.Color = ChartColors.Frame;
            axis.MinorTickStyle.Color = ChartColors.Frame;
        }

        plot.Grid.MajorLineColor = ChartColors.Grid;
        plot.Grid.MinorLineColor = Colors.Transparent;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontColor = ChartColors.Text;
        plot.Legend.OutlineColor = ChartColors.Frame;
        plot.Legend.ShadowColor = Colors.Transparent;

        // ScottPlot draws a legend inside the data area whenever a plottable has legend text; builders that
        // want a legend place it outside with ShowLegend(Edge).
        plot.HideLegend();
        return plot;
    }

    /// <summary>
    /// Labels both axes, fits the limits to the data and replaces the ticks of log axes with decade ticks.
    /// With no data the axes keep ScottPlot's default range and a "No data" note is drawn.
    /// </summary>
    public static void FinishAxes(Plot plot, AxisMapper x, AxisMapper y, bool hasPointLabels)
    {
        plot.XLabel(ChartText.Fit(x.Axis.Label, ChartText.LabelLength), AxisLabelSize);
        plot.YLabel(ChartText.Fit(y.Axis.Label, ChartText.LabelLength), AxisLabelSize);

        if (!x.HasData || !y.HasData)
        {
            AddNoDataNote(plot);
            return;
        }

        // Fractions of the data range left empty at each edge. Point labels are drawn up and to the right of
        // their points, so they get more room on those sides.
        var (left, right, bottom, top) = hasPointLabels ? (0.05, 0.18, 0.05, 0.10) : (0.05, 0.05, 0.07, 0.07);
        plot.Axes.Margins(left, right, bottom, top);
        if (x.IsLog)
        {
            LogAxisTicks.Apply(plot.Axes.Bottom, x.Min, x.Max, left, right);
        }

        if (y.IsLog)
        {
            LogAxisTicks.Apply(plot.Axes.Left, y.Min, y.Max, bottom, top);
        }
    }

    /// <summary>
    /// Shortens the title and axis labels to the space they have around the data area, found by a layout
    /// pass at the final size. The title spans from the image's left edge to the data area's right edge;
    /// axis labels are centred on the data area.
    /// </summary>
    public static void FitToDataArea(Plot plot, ChartLayout layout, string? title, string? xLabel, string? yLabel)
    {
        plot.RenderInMemory(layout.Width, layout.Height);
        var data = plot.LastRender.DataRect;
        const float Margin = 8;

        if (!string.IsNullOrEmpty(plot.Axes.Title.Label.Text))
        {
            plot.Axes.Title.Label.Text = ChartText.Fit(title, ChartText.TitleLength, data.Right - Margin, TitleSize, bold: true);
        }

        if (xLabel is not null)
        {
            var room = data.Width + (2 * Math.Min(data.Left, layout.Width - data.Right)) - Margin;
            plot.Axes.Bottom.Label.Text = ChartText.Fit(xLabel, ChartText.LabelLength, room, AxisLabelSize);
        }

        if (yLabel is not null)
        {
            var room = data.Height + (2 * Math.Min(data.Top, layout.Height - data.Bottom)) - Margin;
            plot.Axes.Left.Label.Text = ChartText.Fit(yLabel, ChartText.LabelLength, room, AxisLabelSize);
        }
    }

    /// <summary>Writes "No data" in the middle of the data area, for charts whose inputs had no drawable value.</summary>
    public static void AddNoDataNote(Plot plot)
    {
        var note = plot.Add.Annotation("No data", Alignment.MiddleCenter);
        note.LabelFontSize = AxisLabelSize;
        note.LabelFontColor = ChartColors.Frame;
        note.LabelBackgroundColor = Colors.Transparent;
        note.LabelBorderColor = Colors.Transparent;
        note.LabelShadowColor = Colors.Transparent;
    }

    /// <summary>Adds a small text label beside a point, up and to the right of it.</summary>
    public static void AddPointLabel(Plot plot, string text, double x, double y, Color color, bool bold = false)
    {
        var label = plot.Add.Text(ChartLayout.PointLabel(text), x, y);
        label.LabelFontSize = PointLabelSize;
        label.LabelFontColor = color;
        label.LabelBold = bold;
        label.LabelAlignment = Alignment.LowerLeft;
        label.OffsetX = 6;
        label.OffsetY = -4;
    }
}
