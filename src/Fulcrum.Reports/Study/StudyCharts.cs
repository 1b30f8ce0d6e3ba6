using System.Globalization;
using Fulcrum.Planning;
using Fulcrum.Reports.Charts;
using Fulcrum.Specs.Deployments;
using Fulcrum.Study;

namespace Fulcrum.Reports.Study;

/// <summary>
/// The charts of one model's study: latency against throughput and TTFT and TPOT against batch size (one panel per
/// input length), time by bottleneck, the best split over input length and batch size, and the online curves.
/// Each split keeps its colour in every chart.
/// </summary>
public static class StudyCharts
{
    /// <summary>Width of every chart in pixels: the report's text column is at most 1,040 px wide, so charts show at full size.</summary>
    public const int Width = 1000;

    public static IReadOnlyList<StudyChart> For(ModelStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var grid = study.Grid;
        var slug = Slug(study.Name);
        var output = grid.ReferenceOutput;
        var charts = new List<StudyChart>
        {
            new($"{slug}-latency-throughput",
                $"{study.Name}: mean TPOT against output throughput per GPU as the batch grows from {grid.SmallestBatch} to {grid.LargestBatchSize}, output {N(output)} tokens; one panel per input length.",
                PerInput(study, "Latency against throughput", new AxisSpec("Output throughput per GPU", "tok/s", AxisScale.Log10), new AxisSpec("TPOT mean", "ms", AxisScale.Log10),
                    p => p.OutputThroughputPerGpu, p => p.LatencyMs(SloMetric.Tpot)),
                Width, PanelHeight(grid)),
            new($"{slug}-ttft-batch",
                $"{study.Name}: mean TTFT against batch size, output {N(output)} tokens; one panel per input length.",
                PerInput(study, "TTFT against batch size", BatchAxis, new AxisSpec("TTFT mean", "ms", AxisScale.Log10),
                    p => p.BatchSize, p => p.LatencyMs(SloMetric.Ttft)),
                Width, PanelHeight(grid)),
            new($"{slug}-tpot-batch",
                $"{study.Name}: mean TPOT against batch size, output {N(output)} tokens; one panel per input length.",
                PerInput(study, "TPOT against batch size", BatchAxis, new AxisSpec("TPOT mean", "ms", AxisScale.Log10),
                    p => p.BatchSize, p => p.LatencyMs(SloMetric.Tpot)),
                Width, PanelHeight(grid)),
        };

        foreach (var input in new[] { grid.InputLengths[0], grid.InputLengths[^1] }.Distinct())
        {
            var bars = Breakdown(study, input, output);
            charts.Add(new($"{slug}-breakdown-input-{input}",
                $"{study.Name}: share of GPU time (stage-seconds) by bottleneck at the smallest and the largest batch that fits, input {N(input)}, output {N(output)} tokens.",
                bars, Width, Math.Max(300, 110 + (bars.Bars.Count * 30))));
        }

        charts.Add(new($"{slug}-best-split",
            $"{study.Name}: the split that finishes each batch fastest (highest output throughput), output {N(output)} tokens; grey where no split fits.",
            BestSplit(study, output), Width, 120 + (grid.InputLengths.Count * 70)));

        foreach (var workload in study.Online.Select(c => c.Workload).Distinct())
        {
            charts.Add(new($"{slug}-online-{Slug(workload)}",
                $"{study.Name}, online {workload} workload: p99 TTFT and p99 TPOT against achieved output throughput per GPU, one point per request rate the split keeps up with (the CSV has the others).",
                Online(study, workload), Width, 460));
        }

        return charts;
    }

    /// <summary>Lowercase letters, digits and hyphens, as in "llama-3-1-70b-bf16".</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "model" : slug;
    }

    /// <summary>The colour of <paramref name="split"/> in every chart: its position among the study's splits.</summary>
    public static string ColorOf(ModelStudy study, Split split)
    {
        ArgumentNullException.ThrowIfNull(study);
        var splits = study.Grid.Splits;
        for (var i = 0; i < splits.Count; i++)
        {
            if (splits[i] == split)
            {
                return ChartPalette.ColorAt(i);
            }
        }

        throw new ArgumentException($"{split} is not a split of {study.Name}.", nameof(split));
    }

    private static AxisSpec BatchAxis { get; } = new("Batch size", null, AxisScale.Log10);

    private static PanelGridSpec PerInput(ModelStudy study, string title, AxisSpec x, AxisSpec y, Func<StaticPoint, double?> xValue, Func<StaticPoint, double?> yValue)
    {
        var grid = study.Grid;
        var panels = grid.InputLengths.Select(input => new LineChartSpec(
            $"Input {N(input)} tokens",
            x,
            y,
            grid.Splits.Select(split => new ChartSeries(
                split.ToString(),
                grid.Run(split, input, grid.ReferenceOutput)
                    .Select(p => new ChartPoint(xValue(p) ?? double.NaN, yValue(p) ?? double.NaN))
                    .ToList(),
                ColorOf(study, split))).ToList())).ToList();
        return new PanelGridSpec($"{study.Name}: {title}", panels) { Columns = 3 };
    }

    private static int PanelHeight(StudyGrid grid) => 160 + (((grid.InputLengths.Count + 2) / 3) * 300);

    private static StackedBarChartSpec Breakdown(ModelStudy study, int input, int output)
    {
        var grid = study.Grid;
        var bars = new List<string>();
        var times = new List<TimeBreakdown?>();
        foreach (var split in grid.Splits)
        {
            var runs = grid.Run(split, input, output);
            foreach (var point in runs.Count == 0 ? [] : new[] { runs[0], runs[^1] }.Distinct())
            {
                bars.Add($"{split}, batch {N(point.BatchSize)}");
                times.Add(point.Time);
            }
        }

        var segments = Bottlenecks.All.Select((b, i) => new StackedBarSegment(
            Capitalize(b.Name()),
            times.Select(t => t is { } time ? time.Share(b) * 100 : null).ToList(),
            ChartPalette.ColorAt(i))).ToList();
        return new StackedBarChartSpec($"{study.Name}: GPU time by bottleneck, input {N(input)}, output {N(output)}", new AxisSpec("Share of GPU time", "%"), bars, segments);
    }

    private static CategoryHeatMapSpec BestSplit(ModelStudy study, int output)
    {
        var grid = study.Grid;
        var cells = grid.InputLengths
            .Select(input => (IReadOnlyList<string?>)grid.BatchSizes.Select(b => grid.Fastest(input, output, b)?.ToString()).ToList())
            .ToList();
        return new CategoryHeatMapSpec(
            $"{study.Name}: fastest split, output {N(output)} tokens",
            new AxisSpec("Batch size", null),
            new AxisSpec("Input length", "tokens"),
            grid.BatchSizes.Select(N).ToList(),
            grid.InputLengths.Select(N).ToList(),
            cells)
        {
            Categories = grid.Splits.Select(s => new HeatMapCategory(s.ToString(), ColorOf(study, s))).ToList(),
            EmptyCellName = "No split fits",
        };
    }

    private static PanelGridSpec Online(ModelStudy study, string workload)
    {
        var curves = study.Online.Where(c => c.Workload == workload).ToList();
        var x = new AxisSpec("Output throughput per GPU", "tok/s");
        LineChartSpec Panel(string title, SloMetric metric) => new(
            title,
            x,
            new AxisSpec($"{title}", "ms", AxisScale.Log10),
            curves.Select(c => new ChartSeries(
                c.Split.ToString(),
                c.Points.Where(p => p.Sustained).Select(p => new ChartPoint(p.Run.OutputThroughput / c.Split.Gpus, p.Run.Latency(metric, SloStatistic.P99) ?? double.NaN)).ToList(),
                ColorOf(study, c.Split))).ToList());
        return new PanelGridSpec($"{study.Name}, online {workload}", [Panel("TTFT p99", SloMetric.Ttft), Panel("TPOT p99", SloMetric.Tpot)]) { Columns = 2 };
    }

    private static string N(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
