using System.Text;
using Fulcrum.Reports.Charts.Rendering;
using Fulcrum.Reports.Files;
using ScottPlot;
using SkiaSharp;

namespace Fulcrum.Reports.Charts;

/// <summary>
/// Renders a <see cref="ChartSpec"/> to PNG or SVG with ScottPlot. The same spec and size give the same bytes
/// on every run: the font is embedded, colours come from the spec or a fixed palette, and nothing depends
/// on the clock. Safe to call from several threads at once.
/// </summary>
public static class ChartRenderer
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 540;

    /// <summary>Largest width or height accepted, in pixels.</summary>
    public const int MaxDimension = 8192;

    /// <summary>Smallest width or height accepted, in pixels; below it axes and labels leave no data area.</summary>
    public const int MinDimension = 100;

    /// <summary>Renders <paramref name="spec"/> as a PNG image of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] RenderPng(ChartSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ValidateSize(width, height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}×{height} drawing surface.");
        Draw(spec, surface.Canvas, width, height, vector: false);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Renders <paramref name="spec"/> as an SVG document (UTF-8 text) of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static string RenderSvg(ChartSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ValidateSize(width, height);
        using var stream = new MemoryStream();

        // The SVG document is complete only once the canvas is disposed.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            Draw(spec, canvas, width, height, vector: true);
        }

        return SvgOutput.Normalize(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Renders <paramref name="spec"/> as PNG and writes it atomically to <paramref name="path"/>.</summary>
    public static void SavePng(ChartSpec spec, string path, int width = DefaultWidth, int height = DefaultHeight) =>
        AtomicFile.WriteAllBytes(path, RenderPng(spec, width, height));

    /// <summary>Renders <paramref name="spec"/> as SVG and writes it atomically to <paramref name="path"/>.</summary>
    public static void SaveSvg(ChartSpec spec, string path, int width = DefaultWidth, int height = DefaultHeight) =>
        AtomicFile.WriteAllText(path, RenderSvg(spec, width, height));

    private static void Draw(ChartSpec spec, SKCanvas canvas, int width, int height, bool vector)
    {
        ArgumentNullException.ThrowIfNull(spec);
        canvas.Clear(SKColors.White);
        if (spec is PanelGridSpec grid)
        {
            PanelGridDrawer.Draw(grid, canvas, width, height, vector);
            return;
        }

        var layout = new ChartLayout(width, height);
        var plot = spec switch
        {
            ScatterChartSpec scatter => ScatterPlotBuilder.Build(scatter, layout, vector),
            LineChartSpec line => LinePlotBuilder.Build(line, layout),
            StackedBarChartSpec bars => StackedBarPlotBuilder.Build(bars, layout),
            CategoryHeatMapSpec heatMap => HeatMapPlotBuilder.Build(heatMap, width, height),
            _ => throw new ArgumentException($"Chart kind {spec.GetType().Name} has no renderer.", nameof(spec)),
        };
        PlotCanvas.Draw(plot, canvas, new PixelRect(0, width, height, 0), vector);
    }

    private static void ValidateSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxDimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxDimension);
    }
}
