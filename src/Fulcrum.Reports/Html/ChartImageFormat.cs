namespace Fulcrum.Reports.Html;

/// <summary>How a chart is embedded in a report: SVG stays sharp at any zoom, PNG looks the same in every viewer.</summary>
public enum ChartImageFormat
{
    Svg,
    Png,
}
