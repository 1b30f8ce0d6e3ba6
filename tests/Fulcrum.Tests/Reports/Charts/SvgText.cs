using System.Xml.Linq;

namespace Fulcrum.Tests.Reports.Charts;

/// <summary>Reads an SVG document as XML, for tests that check which text a chart drew.</summary>
internal static class SvgText
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    /// <summary>Contents of every &lt;text&gt; element, trimmed, in document order.</summary>
    public static IReadOnlyList<string> Texts(string svg) =>
        [.. Parse(svg).Descendants(Svg + "text").Select(element => element.Value.Trim())];
}
