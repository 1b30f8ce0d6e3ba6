using BenchmarkDotNet.Attributes;
using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Html;

namespace Fulcrum.Benchmarks;

/// <summary>
/// Chart and report rendering at the study's default size: 8 splits × 9 batch sizes per panel, one panel per
/// input length (5), and a best-split heat map over 5 input lengths × 9 batch sizes.
/// </summary>
[MemoryDiagnoser]
public class ChartBenchmarks
{
    private static readonly int[] InputLengths = [128, 512, 2048, 8192, 32768];
    private static readonly string[] Splits = ["TP8", "TP4×PP2", "TP2×PP4", "PP8", "TP4×DP2", "TP2×PP2×DP2", "TP2×DP4", "TP1×DP8"];

    private readonly PanelGridSpec grid = new(
        "Latency against throughput",
        [.. InputLengths.Select(input => new LineChartSpec(
            $"Input {input} tokens",
            new AxisSpec("Output throughput", "tokens/s", AxisScale.Log10),
            new AxisSpec("TPOT p50", "ms", AxisScale.Log10),
            [.. Splits.Select((split, s) => new ChartSeries(
                split,
                [.. Enumerable.Range(0, 9).Select(b => new ChartPoint((1 << b) * 1e5 / input / (10 + s), 10 + s + b))]))]))]);

    private readonly CategoryHeatMapSpec heatMap = new(
        "Best split",
        new AxisSpec("Batch size", "sequences"),
        new AxisSpec("Input length", "tokens"),
        [.. Enumerable.Range(0, 9).Select(b => (1 << b).ToString(System.Globalization.CultureInfo.InvariantCulture))],
        [.. InputLengths.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        [.. InputLengths.Select((_, row) => (IReadOnlyList<string?>)[.. Enumerable.Range(0, 9).Select(column => Splits[(row + column) % Splits.Length])])]);

    [Benchmark]
    public int PanelGridPng() => ChartRenderer.RenderPng(grid, 1400, 900).Length;

    [Benchmark]
    public int PanelGridSvg() => ChartRenderer.RenderSvg(grid, 1400, 900).Length;

    [Benchmark]
    public int HeatMapPng() => ChartRenderer.RenderPng(heatMap).Length;

    /// <summary>A report with the grid and one latency chart per input length, all as inline SVG.</summary>
    [Benchmark]
    public int ReportWithSixCharts()
    {
        var report = new HtmlReport("Study");
        var section = report.AddSection("curves", "Curves").AddChart(grid, "All input lengths.", width: 1400, height: 900);
        foreach (var panel in grid.Panels)
        {
            section.AddChart(panel, panel.Title);
        }

        return report.ToHtml().Length;
    }
}
