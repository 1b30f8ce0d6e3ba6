namespace Fulcrum.Reports.Html;

/// <summary>A data table column: its header and how its cells align (numbers read best right-aligned).</summary>
public sealed record TableColumn(string Header, ColumnAlignment Alignment = ColumnAlignment.Left);
