using SkiaSharp;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Shortens text that would otherwise run off the image or squeeze the data area.</summary>
internal static class ChartText
{
    /// <summary>Longest title drawn, in characters.</summary>
    public const int TitleLength = 100;

    /// <summary>Longest axis label or legend entry drawn, in characters.</summary>
    public const int LabelLength = 60;

    /// <summary>Longest category name on a bar or heat map axis, or point label, in characters.</summary>
    public const int TickLength = 32;

    /// <summary>Returns <paramref name="text"/> on one line, cut to <paramref name="maxLength"/> characters, ending with an ellipsis when cut.</summary>
    public static string Fit(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var singleLine = text.ReplaceLineEndings(" ");
        return singleLine.Length <= maxLength ? singleLine : Cut(singleLine, maxLength - 1);
    }

    /// <summary>
    /// Returns <paramref name="text"/> cut to <paramref name="maxLength"/> characters and to at most
    /// <paramref name="maxPixels"/> wide in the chart font at <paramref name="fontSize"/>, ending with an ellipsis when cut.
    /// </summary>
    public static string Fit(string? text, int maxLength, float maxPixels, float fontSize, bool bold = false)
    {
        var fitted = Fit(text, maxLength);
        using var font = new SKFont(bold ? ChartFonts.Bold : ChartFonts.Regular, fontSize);
        if (fitted.Length == 0 || font.MeasureText(fitted) <= maxPixels)
        {
            return fitted;
        }

        // Longest prefix that fits with the ellipsis, by bisection on its length.
        int shortest = 0, longest = fitted.Length - 1;
        while (shortest < longest)
        {
            var middle = (shortest + longest + 1) / 2;
            if (font.MeasureText(Cut(fitted, middle)) <= maxPixels)
            {
                shortest = middle;
            }
            else
            {
                longest = middle - 1;
            }
        }

        return Cut(fitted, shortest);
    }

    private static string Cut(string text, int keep) => string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
}
