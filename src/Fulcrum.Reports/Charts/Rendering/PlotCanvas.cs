using ScottPlot;
using SkiaSharp;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Draws ScottPlot plots onto a Skia canvas, raster or SVG, possibly several side by side.</summary>
internal static class PlotCanvas
{
    /// <summary>
    /// Draws <paramref name="plot"/> inside <paramref name="rect"/> without clearing the rest of the canvas.
    /// For SVG output the plot is first laid out on a throwaway raster surface of the same size, as
    /// ScottPlot's own SVG export does, so the vector pass reuses a finished layout.
    /// </summary>
    public static void Draw(Plot plot, SKCanvas canvas, PixelRect rect, bool vector)
    {
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        if (vector)
        {
            plot.RenderInMemory((int)rect.Width, (int)rect.Height);
        }

        plot.Render(canvas, rect);
    }

    /// <summary>Draws a single line of text with the chart font; <paramref name="y"/> is the baseline.</summary>
    public static void DrawText(SKCanvas canvas, string text, float x, float y, float size, bool bold, SKColor color, SKTextAlign align)
    {
        using var font = new SKFont(bold ? ChartFonts.Bold : ChartFonts.Regular, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    public static SKColor ToSkia(Color color) => new(color.R, color.G, color.B, color.A);
}
