using System.Globalization;
using ScottPlot;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Parses caller colours and falls back to <see cref="ChartPalette"/>.</summary>
internal static class ChartColors
{
    public static readonly Color Text = Color.FromHex("#222222");
    public static readonly Color Grid = Color.FromHex("#e3e3e3");
    public static readonly Color Frame = Color.FromHex("#9a9a9a");
    public static readonly Color Frontier = Color.FromHex("#333333");
    public static readonly Color EmptyCell = Color.FromHex("#e8e8e8");

    /// <summary>Returns <paramref name="hex"/> ("#rrggbb") when given, else the palette colour at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="hex"/> is not "#rrggbb".</exception>
    public static Color Resolve(string? hex, int index)
    {
        if (hex is null)
        {
            return Color.FromHex(ChartPalette.ColorAt(index));
        }

        var valid = hex.Length == 7 && hex[0] == '#'
            && int.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
        return valid
            ? Color.FromHex(hex)
            : throw new ArgumentException($"Colour '{hex}' is not of the form #rrggbb.", nameof(hex));
    }

    /// <summary>Black or white, whichever reads better on <paramref name="background"/> (by relative luminance).</summary>
    public static Color TextOn(Color background)
    {
        var luminance = (0.2126 * background.R) + (0.7152 * background.G) + (0.0722 * background.B);
        return luminance > 140 ? Text : Colors.White;
    }
}
