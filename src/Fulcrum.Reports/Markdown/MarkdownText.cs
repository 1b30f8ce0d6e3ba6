using System.Globalization;

namespace Fulcrum.Reports.Markdown;

/// <summary>Number and cell formatting shared by the generated Markdown documents; invariant culture throughout.</summary>
internal static class MarkdownText
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal, such as "12.3%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage, or "-" for a missing value.</summary>
    public static string Percent(double? fraction) => fraction is { } f ? Percent(f) : "-";

    /// <summary>A signed percentage, such as "+4.0%" or "-12.3%".</summary>
    public static string Signed(double fraction) => (fraction >= 0 ? "+" : string.Empty) + Percent(fraction);

    public static string Signed(double? fraction) => fraction is { } f ? Signed(f) : "-";

    /// <summary>A measured or predicted value: one decimal from 100 up, three below.</summary>
    public static string Number(double value) => value.ToString(value >= 100 ? "0.0" : "0.000", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "-";

    /// <summary>Four significant digits, for parameters.</summary>
    public static string Value(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Text safe inside a table cell: pipes escaped, line breaks flattened.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
