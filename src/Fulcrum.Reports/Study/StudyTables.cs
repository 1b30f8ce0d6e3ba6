using System.Globalization;
using Fulcrum.Planning;
using Fulcrum.Reports.Html;
using Fulcrum.Specs.Deployments;
using Fulcrum.Study;

namespace Fulcrum.Reports.Study;

/// <summary>The data tables of one model's study, as preformatted text.</summary>
public static class StudyTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Per split at the reference lengths: largest batch, batch-1 latencies and the best throughput, with the winners marked.</summary>
    public static ReportTable Reference(ModelStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var grid = study.Grid;
        var (input, output, smallest) = (grid.ReferenceInput, grid.ReferenceOutput, grid.SmallestBatch);
        var rows = grid.Splits.Select(split =>
        {
            var first = grid.At(split, input, output, smallest);
            var best = grid.Run(split, input, output).MaxBy(p => p.OutputThroughputPerGpu);
            return (Split: split, Largest: first.LargestBatch, Ttft: first.LatencyMs(SloMetric.Ttft), Tpot: first.LatencyMs(SloMetric.Tpot), Best: best);
        }).ToList();
        // Splits without a value take no mark, so a metric that no split has (TPOT of one-token outputs) marks no row.
        var lowestTtft = rows.Where(r => r.Ttft is not null).Select(r => (Split?)r.Split).MinBy(s => rows.First(r => r.Split == s).Ttft);
        var lowestTpot = rows.Where(r => r.Tpot is not null).Select(r => (Split?)r.Split).MinBy(s => rows.First(r => r.Split == s).Tpot);
        var highest = rows.Where(r => r.Best is not null).Select(r => (Split?)r.Split).MaxBy(s => rows.First(r => r.Split == s).Best!.OutputThroughputPerGpu);
        return new ReportTable(
            [
                new TableColumn("Split"),
                new TableColumn("Largest batch", ColumnAlignment.Right),
                new TableColumn($"TTFT at batch {smallest} (ms)", ColumnAlignment.Right),
                new TableColumn($"TPOT at batch {smallest} (ms)", ColumnAlignment.Right),
                new TableColumn("Best output throughput per GPU (tok/s)", ColumnAlignment.Right),
                new TableColumn("At batch", ColumnAlignment.Right),
                new TableColumn("TPOT there (ms)", ColumnAlignment.Right),
            ],
            rows.Select(r => new ReportTableRow(
            [
                r.Split.ToString(),
                Int(r.Largest),
                Number(r.Ttft),
                Number(r.Tpot),
                Number(r.Best?.OutputThroughputPerGpu),
                r.Best is null ? null : Int(r.Best.BatchSize),
                Number(r.Best?.LatencyMs(SloMetric.Tpot)),
            ])
            {
                Marks = Marks((r.Split == lowestTtft, "Lowest TTFT"), (r.Split == lowestTpot, "Lowest TPOT"), (r.Split == highest, "Highest throughput")),
            }).ToList())
        {
            Caption = $"Input {Int(input)} tokens, output {Int(output)} tokens. Largest batch: requests the KV cache has room for at once.",
        };
    }

    /// <summary>Per split at <paramref name="input"/> tokens: the dominant bottleneck and its share at the smallest and the largest batch that fits.</summary>
    public static ReportTable Bottlenecks(ModelStudy study, int input)
    {
        ArgumentNullException.ThrowIfNull(study);
        var grid = study.Grid;
        var output = grid.ReferenceOutput;
        return new ReportTable(
            [new TableColumn("Split"), new TableColumn("Smallest batch"), new TableColumn("Largest batch that fits")],
            grid.Splits.Select(split =>
            {
                var runs = grid.Run(split, input, output);
                return new ReportTableRow([split.ToString(), Dominant(runs.Count > 0 ? runs[0] : null), Dominant(runs.Count > 0 ? runs[^1] : null)]);
            }).ToList())
        {
            Caption = $"Largest share of GPU time at input {Int(input)} and output {Int(output)} tokens; a dash where no batch fits.",
        };
    }

    /// <summary>Per split and input length: the largest batch that meets <paramref name="sla"/> at the reference output length.</summary>
    public static ReportTable Sla(ModelStudy study, ServiceLevelAgreement sla)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(sla);
        var grid = study.Grid;
        var output = grid.ReferenceOutput;
        return new ReportTable(
            [new TableColumn("Split"), .. grid.InputLengths.Select(i => new TableColumn($"Input {Int(i)}", ColumnAlignment.Right))],
            grid.Splits.Select(split => new ReportTableRow(
            [
                split.ToString(),
                .. grid.InputLengths.Select(input => grid.Run(split, input, output).LastOrDefault(p => p.Run!.Meets(sla)) is { } p ? Int(p.BatchSize) : null),
            ])).ToList())
        {
            Caption = $"Largest batch meeting the {sla.Name} SLA ({string.Join(", ", sla.Objectives)}), output {Int(output)} tokens; a dash where no batch meets it.",
        };
    }

    /// <summary>Per split under one online workload: saturated throughput and the highest rate meeting each SLA.</summary>
    public static ReportTable Online(ModelStudy study, string workload, IReadOnlyList<ServiceLevelAgreement> slas)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(slas);
        var curves = study.Online.Where(c => c.Workload == workload).ToList();
        return new ReportTable(
            [
                new TableColumn("Split"),
                new TableColumn("Saturated requests/s", ColumnAlignment.Right),
                new TableColumn("Saturated output tok/s per GPU", ColumnAlignment.Right),
                .. slas.Select(s => new TableColumn($"Highest rate meeting {s.Name} (req/s)", ColumnAlignment.Right)),
            ],
            curves.Select(c => new ReportTableRow(
            [
                c.SkipReason is null ? c.Split.ToString() : $"{c.Split} (not run: {c.SkipReason})",
                Number(c.Saturated?.RequestThroughput),
                Number(c.Saturated?.OutputThroughput / c.Split.Gpus),
                .. slas.Select(s => Number(c.HighestRateMeeting(s)?.RequestRate)),
            ])).ToList())
        {
            Caption = $"Rates run: {string.Join(", ", study.OnlineRates.GetValueOrDefault(workload, []).Select(r => r.ToString("0.###", Invariant)))} requests/s. A rate counts when the split completes at least {(CapacitySearch.SustainedFraction * 100).ToString("0", Invariant)}% of the offered requests per second.",
        };
    }

    /// <summary>"memory bandwidth 51% at batch 1"; null when the point was not run.</summary>
    private static string? Dominant(StaticPoint? point) =>
        point?.Time is { Dominant: { } bottleneck } time && time.Share(bottleneck) is { } share
            ? $"{bottleneck.Name()} {(share * 100).ToString("0", Invariant)}% at batch {Int(point.BatchSize)}"
            : null;

    private static List<string> Marks(params (bool On, string Mark)[] marks) => marks.Where(m => m.On).Select(m => m.Mark).ToList();

    private static string Int(int value) => value.ToString("#,0", Invariant);

    /// <summary>About three significant digits; null stays null (a dash in the report).</summary>
    private static string? Number(double? value) => value switch
    {
        null => null,
        >= 100 => value.Value.ToString("#,0", Invariant),
        >= 10 => value.Value.ToString("0.0", Invariant),
        _ => value.Value.ToString("0.00", Invariant),
    };
}
