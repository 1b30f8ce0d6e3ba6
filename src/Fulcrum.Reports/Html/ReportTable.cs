namespace Fulcrum.Reports.Html;

/// <summary>A data table for a report: columns, rows of preformatted text, and an optional caption.</summary>
public sealed record ReportTable(IReadOnlyList<TableColumn> Columns, IReadOnlyList<ReportTableRow> Rows)
{
    public string? Caption { get; init; }
}
