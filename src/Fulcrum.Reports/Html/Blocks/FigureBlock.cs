namespace Fulcrum.Reports.Html.Blocks;

/// <summary>
/// An image embedded as a base64 data URI (so the report needs no other file), numbered and captioned.
/// <paramref name="Width"/> and <paramref name="Height"/> are the image's pixel size, which CSS scales down to fit the page.
/// </summary>
internal sealed record FigureBlock(string MediaType, string Base64, string Caption, int Width, int Height) : IHtmlBlock
{
    public void Write(HtmlWriter writer)
    {
        var number = writer.NextFigureNumber();
        writer.Markup("<figure id=\"figure-").Number(number).Markup("\">").Line()
            .Markup("<img src=\"data:").Markup(MediaType).Markup(";base64,").Markup(Base64)
            .Markup("\" width=\"").Number(Width).Markup("\" height=\"").Number(Height)
            .Markup("\" alt=\"").Attribute(Caption).Markup("\">").Line()
            .Markup("<figcaption><span class=\"figure-number\">Figure ").Number(number).Markup(".</span> ")
            .Text(Caption).Markup("</figcaption>").Line()
            .Markup("</figure>").Line();
    }
}
