using Fulcrum.Reports.Charts;

namespace Fulcrum.Tests.Reports.Charts;

/// <summary>Small charts of each kind with made-up, plausible numbers, shared by the chart and report tests.</summary>
internal static class SampleCharts
{
    public static readonly string[] Splits = ["TP8×PP1", "TP4×PP2", "TP2×PP4", "TP1×PP8"];

    public static readonly string[] Categories =
        ["GEMM compute", "GEMM memory", "Attention", "Element-wise", "Collectives", "Point-to-point", "Overhead", "Pipeline bubble", "Queueing"];

    public static ScatterChartSpec Scatter()
    {
        ChartPoint[] points =
        [
            new(12, 3050, "TP8×PP1"), new(20, 2990, "TP4×PP2"), new(29, 2570, "TP2×PP4"),
            new(36, 2480, "TP1×PP8"), new(43, 2060, "TP4×PP1×DP2"), new(50, 1610, "TP2×PP1×DP4"),
        ];
        return new ScatterChartSpec(
            "Throughput per GPU against interactivity",
            new AxisSpec("Interactivity", "tokens/s/user"),
            new AxisSpec("Output throughput per GPU", "tokens/s/GPU"),
            [new ChartSeries("Configurations", points)])
        {
            Frontier = [points[0], points[1], points[2], points[4], points[5]],
            Highlights =
            [
                new HighlightedPoint("Recommended", points[2]),
                new HighlightedPoint("Lowest latency", points[5]),
                new HighlightedPoint("Highest throughput", points[0]),
            ],
        };
    }

    /// <summary>TPOT against throughput per split over batch sizes 1…256; TPOT grows with batch, more for deeper pipelines.</summary>
    public static LineChartSpec Line(int inputTokens = 2048, AxisScale scale = AxisScale.Log10)
    {
        var series = Splits.Select((split, s) => new ChartSeries(
            split,
            [.. Enumerable.Range(0, 9).Select(b =>
            {
                var batch = Math.Pow(2, b);
                var tpotMs = 9.0 + (3 * s) + (0.6 * batch);
                return new ChartPoint(batch * 1000 / tpotMs * 2048 / inputTokens, tpotMs);
            })])).ToList();
        return new LineChartSpec(
            $"TPOT against throughput, input {inputTokens:N0} tokens",
            new AxisSpec("Output throughput", "tokens/s", scale),
            new AxisSpec("TPOT p50", "ms", scale),
            series);
    }

    public static PanelGridSpec Grid() =>
        new("TPOT against throughput per split", [.. new[] { 128, 512, 2048, 8192, 32768 }.Select(n => Line(n) with { Title = $"Input {n:N0} tokens" })]);

    public static StackedBarChartSpec Bars() =>
        new(
            "Decode step time by category",
            new AxisSpec("Time per step", "ms"),
            Splits,
            [.. Categories.Select((category, c) => new StackedBarSegment(
                category,
                [.. Splits.Select((_, s) => (double?)(1 + ((s * 7) + (c * 3)) % 5))]))]);

    public static CategoryHeatMapSpec HeatMap()
    {
        string[] batches = ["1", "2", "4", "8", "16", "32", "64", "128", "256"];
        string[] inputs = ["128", "512", "2,048", "8,192", "32,768"];
        var cells = inputs.Select((_, row) => (IReadOnlyList<string?>)[.. batches.Select((_, column) =>
            row == 4 && column > 6 ? null : Splits[(row + (column / 3)) % 4])]).ToList();
        return new CategoryHeatMapSpec(
            "Split with the highest throughput",
            new AxisSpec("Batch size", "sequences"),
            new AxisSpec("Input length", "tokens"),
            batches,
            inputs,
            cells)
        {
            EmptyCellName = "Does not fit",
        };
    }

    public static IEnumerable<ChartSpec> All() => [Scatter(), Line(), Grid(), Bars(), HeatMap()];
}
