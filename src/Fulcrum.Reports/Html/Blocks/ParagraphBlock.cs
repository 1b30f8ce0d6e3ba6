namespace Fulcrum.Reports.Html.Blocks;

internal sealed record ParagraphBlock(string Text) : IHtmlBlock
{
    public void Write(HtmlWriter writer) => writer.Markup("<p>").Text(Text).Markup("</p>").Line();
}
