namespace Fulcrum.Reports.Html.Blocks;

/// <summary>A piece of section content that writes itself as HTML.</summary>
internal interface IHtmlBlock
{
    void Write(HtmlWriter writer);
}
