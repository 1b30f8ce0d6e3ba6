using System.Globalization;
using System.Text;

namespace Fulcrum.Reports.Html;

/// <summary>Accumulates report HTML; every piece of caller text goes through <see cref="Text"/> or <see cref="Attribute"/>, which escape it.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder builder = new();
    private int figureCount;

    /// <summary>Numbers figures 1, 2, … in document order.</summary>
    public int NextFigureNumber() => ++figureCount;

    /// <summary>Appends markup written by this library, unescaped.</summary>
    public HtmlWriter Markup(string html)
    {
        builder.Append(html);
        return this;
    }

    /// <summary>Appends <paramref name="text"/> escaped for element content.</summary>
    public HtmlWriter Text(string? text)
    {
        builder.Append(Escape(text));
        return this;
    }

    /// <summary>Appends <paramref name="text"/> escaped for a double-quoted attribute value.</summary>
    public HtmlWriter Attribute(string? text) => Text(text);

    public HtmlWriter Number(int value)
    {
        builder.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public HtmlWriter Line()
    {
        builder.Append('\n');
        return this;
    }

    public override string ToString() => builder.ToString();

    /// <summary>Escapes the five characters with meaning in HTML text and attributes; the document is UTF-8, so nothing else needs escaping.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
