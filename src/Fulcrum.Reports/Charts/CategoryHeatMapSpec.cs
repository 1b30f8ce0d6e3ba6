namespace Fulcrum.Reports.Charts;

/// <summary>
/// A grid of cells coloured by a category, such as the best split at each (batch size, input length).
/// <see cref="Cells"/> has one row per entry of <see cref="YLabels"/>, the first row drawn at the bottom,
/// and one entry per <see cref="XLabels"/> in each row. A null cell has no category and is drawn grey
/// under <see cref="EmptyCellName"/>.
/// </summary>
public sealed record CategoryHeatMapSpec(
    string Title,
    AxisSpec X,
    AxisSpec Y,
    IReadOnlyList<string> XLabels,
    IReadOnlyList<string> YLabels,
    IReadOnlyList<IReadOnlyList<string?>> Cells) : ChartSpec(Title)
{
    /// <summary>
    /// Legend order and colours. When empty, the categories found in <see cref="Cells"/> are used in the
    /// order they first appear (row by row). Every non-null cell must name one of them.
    /// </summary>
    public IReadOnlyList<HeatMapCategory> Categories { get; init; } = [];

    /// <summary>Legend text for cells without a category.</summary>
    public string EmptyCellName { get; init; } = "No data";

    /// <summary>Whether to write the category inside each cell when it fits.</summary>
    public bool LabelCells { get; init; } = true;
}
