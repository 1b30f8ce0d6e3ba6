namespace Fulcrum.Reports.Html.Blocks;

internal sealed record ListBlock(IReadOnlyList<string> Items) : IHtmlBlock
{
    public void Write(HtmlWriter writer)
    {
        writer.Markup("<ul>").Line();
        foreach (var item in Items)
        {
            writer.Markup("<li>").Text(item).Markup("</li>").Line();
        }

        writer.Markup("</ul>").Line();
    }
}
