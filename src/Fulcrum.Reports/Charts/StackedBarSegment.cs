namespace Fulcrum.Reports.Charts;

/// <summary>
/// One category of a stacked bar chart, such as "GEMM compute", with one value per bar (in the order of
/// <see cref="StackedBarChartSpec.Bars"/>). A null or NaN value draws no segment. Values must not be negative.
/// </summary>
public sealed record StackedBarSegment(string Name, IReadOnlyList<double?> Values, string? Color = null);
