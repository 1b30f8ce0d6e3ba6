using Fulcrum.Reports.Charts;

namespace Fulcrum.Reports.Study;

/// <summary>One chart of a study report: its file name without extension, its caption, what to draw and at what size in pixels.</summary>
public sealed record StudyChart(string FileStem, string Caption, ChartSpec Spec, int Width, int Height);
