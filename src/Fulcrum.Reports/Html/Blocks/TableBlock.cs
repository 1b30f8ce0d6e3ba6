namespace Fulcrum.Reports.Html.Blocks;

/// <summary>A data table with a header row; marked rows are highlighted and carry their marks as badges.</summary>
internal sealed record TableBlock(ReportTable Table) : IHtmlBlock
{
    public void Write(HtmlWriter writer)
    {
        writer.Markup("<div class=\"table-wrap\"><table class=\"data\">").Line();
        if (!string.IsNullOrWhiteSpace(Table.Caption))
        {
            writer.Markup("<caption>").Text(Table.Caption).Markup("</caption>").Line();
        }

        writer.Markup("<thead><tr>");
        foreach (var column in Table.Columns)
        {
            writer.Markup("<th scope=\"col\"").Markup(AlignClass(column)).Markup(">").Text(column.Header).Markup("</th>");
        }

        writer.Markup("</tr></thead>").Line().Markup("<tbody>").Line();
        foreach (var row in Table.Rows)
        {
            WriteRow(writer, row);
        }

        writer.Markup("</tbody></table></div>").Line();
    }

    private void WriteRow(HtmlWriter writer, ReportTableRow row)
    {
        writer.Markup(row.Marks.Count > 0 ? "<tr class=\"marked\">" : "<tr>");
        for (var i = 0; i < Table.Columns.Count; i++)
        {
            var cell = row.Cells[i];
            var classes = AlignClass(Table.Columns[i]);
            if (cell is null)
            {
                writer.Markup("<td class=\"missing").Markup(Table.Columns[i].Alignment == ColumnAlignment.Right ? " num" : string.Empty).Markup("\">–");
            }
            else
            {
                writer.Markup("<td").Markup(classes).Markup(">").Text(cell);
            }

            if (i == 0)
            {
                foreach (var mark in row.Marks)
                {
                    writer.Markup(" <span class=\"badge\">").Text(mark).Markup("</span>");
                }
            }

            writer.Markup("</td>");
        }

        writer.Markup("</tr>").Line();
    }

    private static string AlignClass(TableColumn column) =>
        column.Alignment == ColumnAlignment.Right ? " class=\"num\"" : string.Empty;
}
