using ScottPlot;

namespace Fulcrum.Reports.Charts;

/// <summary>
/// Default colours of series, segments and heat map categories, by position: the Category10 palette
/// (ScottPlot's, the same as D3's and Matplotlib's defaults), repeating after ten.
/// </summary>
public static class ChartPalette
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Number of distinct colours before the palette repeats.</summary>
    public static int Count => Palette.Colors.Length;

    /// <summary>Returns the colour for position <paramref name="index"/> as "#rrggbb".</summary>
    public static string ColorAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return ToHex(Palette.GetColor(index));
    }

    internal static string ToHex(Color color) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{color.R:x2}{color.G:x2}{color.B:x2}");
}
