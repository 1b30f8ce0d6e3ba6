using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Post-processing of Skia's SVG output so documents are stable and portable.</summary>
internal static partial class SvgOutput
{
    /// <summary>
    /// Renumbers clip-path ids from 1 in document order and adds fallback fonts. Skia numbers clip paths from
    /// a process-wide counter, so without renumbering the same chart would get different ids depending on
    /// what was drawn before it.
    /// </summary>
    public static string Normalize(string svg) => AddFontFallbacks(RenumberIds(svg));

    /// <summary>
    /// Extends each font-family naming the chart font with Arial, Helvetica and sans-serif. Liberation Sans has
    /// Arial's glyph widths, so a viewer without it keeps the text's layout.
    /// </summary>
    internal static string AddFontFallbacks(string svg) =>
        svg.Replace($"font-family=\"{ChartFonts.Family}\"", $"font-family=\"{ChartFonts.Family}, Arial, Helvetica, sans-serif\"", StringComparison.Ordinal);

    internal static string RenumberIds(string svg)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in IdAttribute().Matches(svg))
        {
            var id = match.Groups["id"].Value;
            renamed.TryAdd(id, "clip" + (renamed.Count + 1).ToString(CultureInfo.InvariantCulture));
        }

        return renamed.Count == 0
            ? svg
            : IdReference().Replace(svg, match => renamed.TryGetValue(match.Groups["id"].Value, out var newId)
                ? match.Value.Replace(match.Groups["id"].Value, newId, StringComparison.Ordinal)
                : match.Value);
    }

    [GeneratedRegex("id=\"(?<id>[A-Za-z_][\\w.-]*)\"")]
    private static partial Regex IdAttribute();

    // Matches both definitions (id="x") and uses (url(#x), href="#x").
    [GeneratedRegex("""(?:id="|url\(#|href="#)(?<id>[A-Za-z_][\w.-]*)""")]
    private static partial Regex IdReference();
}
