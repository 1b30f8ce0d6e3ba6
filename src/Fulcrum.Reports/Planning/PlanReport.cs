using System.Globalization;
using Fulcrum.Planning;
using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Csv;
using Fulcrum.Reports.Html;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Reports.Planning;

/// <summary>Writes a plan's HTML report, its charts as PNG and SVG, and a CSV of every configuration, into one folder.</summary>
public static class PlanReport
{
    private const int Width = 1000;
    private const int Height = 600;

    /// <summary>The files <see cref="Write"/> creates, relative to the folder.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "plan.html", "plan.csv",
        "frontier-interactivity.png", "frontier-interactivity.svg",
        "frontier-ttft.png", "frontier-ttft.svg",
        "latency-throughput.png", "latency-throughput.svg",
        "time-breakdown.png", "time-breakdown.svg",
    ];

    /// <summary>Writes every file into <paramref name="folder"/> (created when missing); each file is written atomically.</summary>
    public static void Write(PlanResult plan, string folder, string workloadDescription)
    {
        Directory.CreateDirectory(folder);
        var charts = new (string Name, ChartSpec Spec, string Caption)[]
        {
            ("frontier-interactivity", PlanCharts.InteractivityFrontier(plan), "Output throughput per GPU against output speed per user, every configuration at light load, SLA capacity and saturation. The dashed line is the Pareto frontier."),
            ("frontier-ttft", PlanCharts.TtftFrontier(plan), "Output throughput per GPU against p99 TTFT. The dashed line is the Pareto frontier."),
            ("latency-throughput", PlanCharts.LatencyThroughput(plan), "Median TPOT against output throughput per GPU, one line per split (its best engine caps)."),
            ("time-breakdown", PlanCharts.TimeBreakdown(plan), "Share of GPU time by category, one bar per split."),
        };
        foreach (var (name, spec, _) in charts)
        {
            ChartRenderer.SavePng(spec, Path.Combine(folder, name + ".png"), Width, Height);
            ChartRenderer.SaveSvg(spec, Path.Combine(folder, name + ".svg"), Width, Height);
        }

        WriteCsv(plan, Path.Combine(folder, "plan.csv"));
        Build(plan, workloadDescription, charts.Select(c => (c.Spec, c.Caption)).ToList()).Save(Path.Combine(folder, "plan.html"));
    }

    /// <summary>Writes one CSV row per configuration to <paramref name="path"/>, atomically.</summary>
    public static void WriteCsv(PlanResult plan, string path) =>
        CsvWriter.Save(path, CsvHeader, plan.Candidates.Select((c, i) => CsvRow(plan, i)));

    /// <summary>Builds the self-contained HTML report: inputs, answer, explanations, charts, every configuration.</summary>
    public static HtmlReport Build(PlanResult plan, string workloadDescription, IReadOnlyList<(ChartSpec Spec, string Caption)> charts)
    {
        var o = plan.Options;
        var report = new HtmlReport($"Fulcrum plan: {o.Model.Name} on {o.Cluster.TotalGpus}× {o.Cluster.Accelerator.Name}")
        {
            Subtitle = $"SLA {o.Sla.Name}: {o.Sla.Description}",
        };

        report.AddSection("inputs", "Inputs").AddKeyValues(
        [
            new("Model", $"{o.Model.Name} ({(o.Model.Parameters.Total / 1e9).ToString("0.0", CultureInfo.InvariantCulture)}B parameters)"),
            new("GPUs", $"{o.Cluster.TotalGpus}× {o.Cluster.Accelerator.FullName} over {o.Cluster.NodeCount} node(s)"),
            new("Weights", string.Join(", ", o.Weights.Select(w => w.Name()))),
            new("KV cache", string.Join(", ", o.KvCaches.Select(k => k.Name()))),
            new("max-num-seqs tried", string.Join(", ", o.MaxNumSeqs)),
            new("max-num-batched-tokens tried", string.Join(", ", o.MaxNumBatchedTokens)),
            new("Chunked prefill", string.Join(", ", o.ChunkedPrefill.Select(c => c ? "on" : "off"))),
            new("Max model length", (o.Engine.MaxModelLength ?? o.Model.MaxPositionEmbeddings).ToString(CultureInfo.InvariantCulture)),
            new("SLA", o.Sla.Objectives.Count == 0 ? "none" : string.Join("; ", o.Sla.Objectives)),
            new("Target rate", o.TargetRate is { } t ? t.ToString("0.###", CultureInfo.InvariantCulture) + " requests/s" : "none: capacity only"),
            new("Workload", workloadDescription),
            new("Simulated runs", plan.SimulatedRuns.ToString(CultureInfo.InvariantCulture)),
        ]);

        var answer = report.AddSection("answer", "Answer");
        answer.AddParagraph(plan.Recommended is { } r
            ? $"Recommended: {plan.Candidates[r].Label}, the configuration that meets every SLO with the most goodput per GPU."
            : "No configuration meets every SLO. The configurations that come closest are explained below.");
        foreach (var e in plan.Explanations)
        {
            answer.AddSubsection(SectionId(e), $"{Capitalize(e.Role)}: {plan.Candidates[e.Candidate].Label}").AddList(e.Sentences);
        }

        var chartSection = report.AddSection("charts", "Charts");
        foreach (var (spec, caption) in charts)
        {
            chartSection.AddChart(spec, caption, ChartImageFormat.Svg, Width, Height);
        }

        report.AddSection("configurations", "Configurations").AddTable(Table(plan));
        if (plan.Excluded.Count > 0)
        {
            report.AddSection("excluded", "Splits left out").AddList(
                plan.Excluded.Select(x => $"{x.Split} ({x.Plan?.Deployment.Weights.Name() ?? "n/a"}): {x.Reason}"));
        }

        return report;
    }

    private static readonly string[] CsvHeader =
    [
        "configuration", "tp", "pp", "dp", "gpus", "weights", "kv_cache", "max_num_seqs", "max_num_batched_tokens", "chunked_prefill",
        "role", "meets_sla", "capacity_request_rate", "goodput_per_gpu", "output_throughput_per_gpu_at_capacity", "saturated_output_throughput_per_gpu",
        "light_median_ttft_ms", "light_median_tpot_ms", "light_median_e2el_ms", "capacity_p99_ttft_ms", "capacity_p99_tpot_ms",
        "capacity_bubble_fraction", "capacity_peak_kv_occupancy", "capacity_preemptions",
    ];

    private static object?[] CsvRow(PlanResult plan, int i)
    {
        var c = plan.Candidates[i];
        var d = c.Deployment;
        return
        [
            c.Label, d.Tp, d.Pp, d.Dp, c.Gpus, d.Weights.Name(), d.KvCache.Name(), d.Engine.MaxNumSeqs, d.Engine.MaxNumBatchedTokens, d.Engine.ChunkedPrefill,
            Roles(plan, i), c.MeetsSla, c.CapacityRps, c.GoodputPerGpu, c.OutputThroughputPerGpuAtCapacity, c.SaturatedOutputThroughputPerGpu,
            c.LightLoad.Latency(SloMetric.Ttft, SloStatistic.P50), c.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50), c.LightLoad.Latency(SloMetric.E2e, SloStatistic.P50),
            c.AtCapacity?.Latency(SloMetric.Ttft, SloStatistic.P99), c.AtCapacity?.Latency(SloMetric.Tpot, SloStatistic.P99),
            c.AtCapacity?.BubbleFraction, c.AtCapacity?.PeakKvOccupancy, c.AtCapacity?.Preemptions,
        ];
    }

    private static ReportTable Table(PlanResult plan)
    {
        var columns = new TableColumn[]
        {
            new("Configuration"), new("SLA capacity (req/s)", ColumnAlignment.Right), new("Goodput (req/s/GPU)", ColumnAlignment.Right),
            new("Output tok/s/GPU at capacity", ColumnAlignment.Right), new("Saturated tok/s/GPU", ColumnAlignment.Right),
            new("Light p50 TTFT (ms)", ColumnAlignment.Right), new("Light p50 TPOT (ms)", ColumnAlignment.Right),
            new("p99 TTFT at capacity (ms)", ColumnAlignment.Right), new("p99 TPOT at capacity (ms)", ColumnAlignment.Right),
        };
        var rows = Enumerable.Range(0, plan.Candidates.Count)
            .OrderByDescending(i => plan.Candidates[i].GoodputPerGpu)
            .ThenByDescending(i => plan.Candidates[i].SaturatedOutputThroughputPerGpu)
            .Select(i =>
            {
                var c = plan.Candidates[i];
                return new ReportTableRow(
                [
                    c.Label, c.MeetsSla ? Num(c.CapacityRps, 2) : "misses", Num(c.GoodputPerGpu, 3), Num(c.OutputThroughputPerGpuAtCapacity, 0),
                    Num(c.SaturatedOutputThroughputPerGpu, 0), Num(c.LightLoad.Latency(SloMetric.Ttft, SloStatistic.P50), 1),
                    Num(c.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50), 1), Num(c.AtCapacity?.Latency(SloMetric.Ttft, SloStatistic.P99), 1),
                    Num(c.AtCapacity?.Latency(SloMetric.Tpot, SloStatistic.P99), 1),
                ])
                {
                    Marks = Roles(plan, i).Split("; ", StringSplitOptions.RemoveEmptyEntries),
                };
            })
            .ToList();
        return new ReportTable(columns, rows) { Caption = "Every simulated configuration, best goodput per GPU first." };
    }

    private static string Roles(PlanResult plan, int i) =>
        string.Join("; ", new[]
        {
            plan.Recommended == i ? "Recommended" : null,
            plan.LowestLatency == i ? "Lowest latency" : null,
            plan.HighestThroughput == i ? "Highest throughput" : null,
        }.Where(x => x is not null));

    private static string Num(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";

    private static string SectionId(Explanation e) => "explain-" + e.Role.Replace(' ', '-') + "-" + e.Candidate.ToString(CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
