namespace Fulcrum.Reports.Html.Blocks;

/// <summary>A two-column table of names and values, such as a report's inputs. A null value shows as a dash.</summary>
internal sealed record KeyValueBlock(IReadOnlyList<KeyValuePair<string, string?>> Rows, string? Caption) : IHtmlBlock
{
    public void Write(HtmlWriter writer)
    {
        writer.Markup("<table class=\"kv\">").Line();
        if (!string.IsNullOrWhiteSpace(Caption))
        {
            writer.Markup("<caption>").Text(Caption).Markup("</caption>").Line();
        }

        writer.Markup("<tbody>").Line();
        foreach (var (key, value) in Rows)
        {
            writer.Markup("<tr><th scope=\"row\">").Text(key).Markup("</th>");
            if (value is null)
            {
                writer.Markup("<td class=\"missing\">–</td>");
            }
            else
            {
                writer.Markup("<td>").Text(value).Markup("</td>");
            }

            writer.Markup("</tr>").Line();
        }

        writer.Markup("</tbody></table>").Line();
    }
}
