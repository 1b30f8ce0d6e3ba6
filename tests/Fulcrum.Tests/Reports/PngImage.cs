using SkiaSharp;

namespace Fulcrum.Tests.Reports;

/// <summary>Pixel statistics of a PNG, for tests that check an image is a real drawing and not blank.</summary>
internal sealed class PngImage
{
    private readonly SKColor[] pixels;

    private PngImage(int width, int height, SKColor[] pixels)
    {
        Width = width;
        Height = height;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static PngImage Decode(byte[] png)
    {
        Assert.True(png.Length > 8, "PNG data is empty.");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("SkiaSharp could not decode the PNG.");
        return new PngImage(bitmap.Width, bitmap.Height, bitmap.Pixels);
    }

    private SKColor GetPixel(int x, int y) => pixels[(y * Width) + x];

    /// <summary>Number of distinct colours (ignoring alpha) in the given rows, or in the whole image.</summary>
    public int DistinctColors(int top = 0, int bottom = -1)
    {
        var colors = new HashSet<uint>();
        for (var y = top; y < (bottom < 0 ? Height : bottom); y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var c = GetPixel(x, y);
                colors.Add(((uint)c.Red << 16) | ((uint)c.Green << 8) | c.Blue);
            }
        }

        return colors.Count;
    }

    /// <summary>Fraction of pixels in the given rows that are not (near) white.</summary>
    public double InkFraction(int top = 0, int bottom = -1)
    {
        bottom = bottom < 0 ? Height : bottom;
        long ink = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var c = GetPixel(x, y);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240)
                {
                    ink++;
                }
            }
        }

        return ink / (double)((bottom - top) * Width);
    }
}
