using ScottPlot;
using SkiaSharp;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>
/// Draws a <see cref="PanelGridSpec"/>: the title across the top, the panels in a grid, and one legend strip
/// at the bottom naming every series once. A series name keeps one colour in all panels.
/// </summary>
internal static class PanelGridDrawer
{
    private const float TitleBand = 40;
    private const float LegendRowHeight = 22;
    private const float LegendItemGap = 28;
    private const float LegendSwatchWidth = 26;
    private const float LegendPadding = 10;

    public static void Draw(PanelGridSpec spec, SKCanvas canvas, int width, int height, bool vector)
    {
        if (spec.Columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Columns, "PanelGridSpec.Columns must be at least 1.");
        }

        var title = ChartText.Fit(spec.Title, ChartText.TitleLength, width - 24, PlotStyle.TitleSize, bold: true);
        var top = title.Length > 0 ? TitleBand : 0;
        if (title.Length > 0)
        {
            PlotCanvas.DrawText(canvas, title, width / 2f, 27, PlotStyle.TitleSize, bold: true, PlotCanvas.ToSkia(ChartColors.Text), SKTextAlign.Center);
        }

        var colors = SeriesColors(spec.Panels);
        var legend = colors.Select(pair => (Name: ChartText.Fit(pair.Key, ChartText.LabelLength, width - (2 * LegendPadding) - LegendSwatchWidth - 6, PlotStyle.LegendSize), pair.Value)).ToList();
        var legendLines = LayoutLegend(legend, width);
        var legendHeight = legendLines.Count == 0 ? 0 : (legendLines.Count * LegendRowHeight) + (2 * LegendPadding);

        if (spec.Panels.Count == 0)
        {
            PlotCanvas.DrawText(canvas, "No data", width / 2f, height / 2f, PlotStyle.AxisLabelSize, bold: false, PlotCanvas.ToSkia(ChartColors.Frame), SKTextAlign.Center);
            return;
        }

        var columns = Math.Min(spec.Columns, spec.Panels.Count);
        var rows = (spec.Panels.Count + columns - 1) / columns;
        var panelWidth = width / (float)columns;
        var panelHeight = Math.Max(1, (height - top - legendHeight) / rows);

        for (var i = 0; i < spec.Panels.Count; i++)
        {
            var panel = spec.Panels[i];
            var layout = new ChartLayout((int)panelWidth, (int)panelHeight);
            var plot = LinePlotBuilder.Build(panel, layout, s => colors[panel.Series[s].Name], showLegend: false);
            var left = i % columns * panelWidth;
            var panelTop = top + (i / columns * panelHeight);
            PlotCanvas.Draw(plot, canvas, new PixelRect(left, left + panelWidth, panelTop + panelHeight, panelTop), vector);
        }

        DrawLegend(canvas, legendLines, width, height - legendHeight + LegendPadding);
    }

    /// <summary>Assigns each series name a colour: the first colour given for that name, else the palette colour of the name's first appearance.</summary>
    private static Dictionary<string, Color> SeriesColors(IReadOnlyList<LineChartSpec> panels)
    {
        var order = new List<string>();
        var explicitColors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var series in panels.SelectMany(panel => panel.Series))
        {
            if (!order.Contains(series.Name, StringComparer.Ordinal))
            {
                order.Add(series.Name);
            }

            if (series.Color is not null)
            {
                explicitColors.TryAdd(series.Name, series.Color);
            }
        }

        var colors = new Dictionary<string, Color>(StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            colors[order[i]] = ChartColors.Resolve(explicitColors.GetValueOrDefault(order[i]), i);
        }

        return colors;
    }

    /// <summary>Splits the legend entries into centred lines that fit <paramref name="width"/>, each entry a swatch and a name.</summary>
    private static List<(float Width, List<(string Name, Color Color, float Width)> Items)> LayoutLegend(
        List<(string Name, Color Color)> entries, int width)
    {
        using var font = new SKFont(ChartFonts.Regular, PlotStyle.LegendSize);
        var lines = new List<(float Width, List<(string, Color, float)> Items)>();
        var current = new List<(string, Color, float)>();
        var used = 0f;
        foreach (var (name, color) in entries)
        {
            var itemWidth = LegendSwatchWidth + 6 + font.MeasureText(name);
            var needed = current.Count == 0 ? itemWidth : used + LegendItemGap + itemWidth;
            if (current.Count > 0 && needed > width - (2 * LegendPadding))
            {
                lines.Add((used, current));
                current = [];
                needed = itemWidth;
            }

            current.Add((name, color, itemWidth));
            used = needed;
        }

        if (current.Count > 0)
        {
            lines.Add((used, current));
        }

        return lines;
    }

    private static void DrawLegend(SKCanvas canvas, List<(float Width, List<(string Name, Color Color, float Width)> Items)> lines, int canvasWidth, float top)
    {
        using var linePaint = new SKPaint { IsAntialias = true, StrokeWidth = 2.5f, Style = SKPaintStyle.Stroke };
        using var dotPaint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var row = 0; row < lines.Count; row++)
        {
            var x = (canvasWidth - lines[row].Width) / 2;
            var middle = top + (row * LegendRowHeight) + (LegendRowHeight / 2);
            foreach (var (name, color, itemWidth) in lines[row].Items)
            {
                linePaint.Color = PlotCanvas.ToSkia(color);
                dotPaint.Color = linePaint.Color;
                canvas.DrawLine(x, middle, x + LegendSwatchWidth, middle, linePaint);
                canvas.DrawCircle(x + (LegendSwatchWidth / 2), middle, 3.5f, dotPaint);
                PlotCanvas.DrawText(canvas, name, x + LegendSwatchWidth + 6, middle + 4.5f, PlotStyle.LegendSize, bold: false, PlotCanvas.ToSkia(ChartColors.Text), SKTextAlign.Left);
                x += itemWidth + LegendItemGap;
            }
        }
    }
}
