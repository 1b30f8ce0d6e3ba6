namespace Fulcrum.Reports.Html;

/// <summary>Horizontal alignment of a table column's cells.</summary>
public enum ColumnAlignment
{
    Left,
    Right,
}
