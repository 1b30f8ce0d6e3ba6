namespace Fulcrum.Reports.Html;

/// <summary>
/// One table row: display text per column, null for a missing value (shown as a dash). Non-empty
/// <see cref="Marks"/>, such as "Recommended" or "Lowest latency", highlight the row and appear as badges
/// in its first cell.
/// </summary>
public sealed record ReportTableRow(IReadOnlyList<string?> Cells)
{
    public IReadOnlyList<string> Marks { get; init; } = [];
}
