namespace Fulcrum.Reports.Charts;

/// <summary>
/// One chart axis: a title, the unit of its values (null for counts and ratios without a unit) and its scale.
/// The rendered label is "Title (unit)".
/// </summary>
public sealed record AxisSpec(string Title, string? Unit, AxisScale Scale = AxisScale.Linear)
{
    /// <summary>The text drawn beside the axis.</summary>
    public string Label => string.IsNullOrWhiteSpace(Unit) ? Title : $"{Title} ({Unit})";
}
