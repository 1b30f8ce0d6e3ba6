namespace Fulcrum.Specs.Models;

/// <summary>The <c>rope_scaling</c> block of a config, kept for display; it does not change cost or memory.</summary>
public sealed record RopeScaling(string Type, double Factor, int? OriginalMaxPositionEmbeddings);
