using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Html.Blocks;

namespace Fulcrum.Reports.Html;

/// <summary>
/// A report section: a heading with an anchor id, then content in the order added. Methods return the
/// section so calls chain. All text is escaped when the report is written.
/// </summary>
public sealed class HtmlSection : IHtmlBlock
{
    private readonly List<IHtmlBlock> blocks = [];
    private readonly List<HtmlSection> subsections = [];
    private readonly SectionIds ids;
    private readonly int level;

    internal HtmlSection(string id, string heading, int level, SectionIds ids)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(heading);
        ids.Register(id);
        Id = id;
        Heading = heading;
        this.level = level;
        this.ids = ids;
    }

    /// <summary>Anchor id, unique in the report: the section's address is "#" + Id.</summary>
    public string Id { get; }

    public string Heading { get; }

    internal IReadOnlyList<HtmlSection> Subsections => subsections;

    public HtmlSection AddParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        blocks.Add(new ParagraphBlock(text));
        return this;
    }

    /// <summary>Adds a bulleted list, for example findings each with its numbers.</summary>
    public HtmlSection AddList(IEnumerable<string> items)
    {
        blocks.Add(new ListBlock([.. items]));
        return this;
    }

    /// <summary>Adds a two-column table of names and values, such as the inputs; a null value shows as a dash.</summary>
    public HtmlSection AddKeyValues(IEnumerable<KeyValuePair<string, string?>> rows, string? caption = null)
    {
        blocks.Add(new KeyValueBlock([.. rows], caption));
        return this;
    }

    /// <summary>Adds a data table.</summary>
    /// <exception cref="ArgumentException">A row's cell count differs from the column count.</exception>
    public HtmlSection AddTable(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            if (table.Rows[i].Cells.Count != table.Columns.Count)
            {
                throw new ArgumentException($"Table row {i + 1} has {table.Rows[i].Cells.Count} cells but the table has {table.Columns.Count} columns.", nameof(table));
            }
        }

        blocks.Add(new TableBlock(table));
        return this;
    }

    /// <summary>Renders <paramref name="chart"/> now and embeds it as a numbered figure with <paramref name="caption"/>.</summary>
    public HtmlSection AddChart(
        ChartSpec chart,
        string caption,
        ChartImageFormat format = ChartImageFormat.Svg,
        int width = ChartRenderer.DefaultWidth,
        int height = ChartRenderer.DefaultHeight)
    {
        return format == ChartImageFormat.Svg
            ? AddSvg(ChartRenderer.RenderSvg(chart, width, height), caption, width, height)
            : AddPng(ChartRenderer.RenderPng(chart, width, height), caption, width, height);
    }

    /// <summary>Embeds an already rendered SVG document as a numbered figure.</summary>
    public HtmlSection AddSvg(string svg, string caption, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(svg);
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        blocks.Add(new FigureBlock("image/svg+xml", base64, caption, width, height));
        return this;
    }

    /// <summary>Embeds an already rendered PNG image as a numbered figure.</summary>
    public HtmlSection AddPng(byte[] png, string caption, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(png);
        blocks.Add(new FigureBlock("image/png", Convert.ToBase64String(png), caption, width, height));
        return this;
    }

    /// <summary>Adds a subsection (a level-3 heading) after the content added so far and returns it.</summary>
    public HtmlSection AddSubsection(string id, string heading)
    {
        if (level >= 3)
        {
            throw new InvalidOperationException($"Section '{Id}' is already a subsection; reports nest sections one level deep.");
        }

        var subsection = new HtmlSection(id, heading, level + 1, ids);
        subsections.Add(subsection);
        blocks.Add(subsection);
        return subsection;
    }

    void IHtmlBlock.Write(HtmlWriter writer)
    {
        writer.Markup(level == 2 ? "<section id=\"" : "<section class=\"subsection\" id=\"").Attribute(Id).Markup("\">").Line()
            .Markup(level == 2 ? "<h2>" : "<h3>")
            .Text(Heading)
            .Markup(" <a class=\"anchor\" href=\"#").Attribute(Id).Markup("\" aria-label=\"Link to this section\">#</a>")
            .Markup(level == 2 ? "</h2>" : "</h3>").Line();
        foreach (var block in blocks)
        {
            block.Write(writer);
        }

        writer.Markup("</section>").Line();
    }
}
