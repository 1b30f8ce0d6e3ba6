using Fulcrum.Reports.Html;
using Fulcrum.Tests.Reports.Charts;

namespace Fulcrum.Tests.Reports.Html;

/// <summary>A report with every kind of content, shaped like the planner's: inputs, recommendation, table, charts.</summary>
internal static class SampleReport
{
    public static readonly string[] SectionIds = ["inputs", "recommendation", "configurations", "charts", "time-breakdown"];

    public const int FigureCount = 5;

    public static HtmlReport Build()
    {
        var report = new HtmlReport("Deployment plan: Llama-3.1-70B on 8× MI300X")
        {
            Subtitle = "Chat workload, interactive SLA: TTFT p99 ≤ 500 ms, TPOT p99 ≤ 50 ms",
        };

        report.AddSection("inputs", "Inputs").AddKeyValues(
        [
            new("Model", "Llama-3.1-70B"),
            new("GPUs", "8× MI300X"),
            new("Weights", "bf16"),
            new("Target rate", null),
        ]);

        report.AddSection("recommendation", "Recommendation")
            .AddParagraph("TP2×PP4 meets every SLO with 2,570 output tokens/s per GPU.")
            .AddList(["TP8×PP1 spends 31% of decode time in all-reduce at batch 16.", "PP=4 idles 24% of stage time at this load."]);

        report.AddSection("configurations", "All configurations").AddTable(new ReportTable(
            [new TableColumn("Configuration"), new TableColumn("Throughput per GPU (tokens/s)", ColumnAlignment.Right), new TableColumn("TTFT p99 (ms)", ColumnAlignment.Right)],
            [
                new ReportTableRow(["TP8×PP1", "3,050", "210"]) { Marks = ["Highest throughput"] },
                new ReportTableRow(["TP2×PP4", "2,570", "380"]) { Marks = ["Recommended"] },
                new ReportTableRow(["TP1×PP8", "2,480", null]),
            ])
        {
            Caption = "Simulated at 4 requests/s",
        });

        var charts = report.AddSection("charts", "Charts")
            .AddChart(SampleCharts.Scatter(), "Pareto frontier of throughput per GPU against interactivity.")
            .AddChart(SampleCharts.Grid(), "TPOT against throughput, one panel per input length.", width: 1400, height: 900)
            .AddChart(SampleCharts.HeatMap(), "Split with the highest throughput.", ChartImageFormat.Png);
        charts.AddSubsection("time-breakdown", "Time breakdown")
            .AddChart(SampleCharts.Bars(), "Decode step time by category.")
            .AddChart(SampleCharts.Line(), "TPOT against throughput at input 2,048 tokens.", ChartImageFormat.Png);
        return report;
    }
}
