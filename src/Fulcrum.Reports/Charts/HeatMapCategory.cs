namespace Fulcrum.Reports.Charts;

/// <summary>A value a heat map cell can take, such as a split name, with its colour ("#rrggbb", or null for the palette's).</summary>
public sealed record HeatMapCategory(string Name, string? Color = null);
