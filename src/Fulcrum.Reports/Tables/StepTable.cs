using System.Globalization;
using Fulcrum.Performance;
using Spectre.Console;

namespace Fulcrum.Reports.Tables;

/// <summary>The <c>fulcrum step</c> tables: time by category per stage with shares, then the work per GPU of each stage.</summary>
public static class StepTable
{
    private static readonly (string Name, Func<StepCost, double> Seconds)[] Categories =
    [
        ("GEMM, compute-bound", c => c.GemmComputeSeconds),
        ("GEMM, memory-bound", c => c.GemmMemorySeconds),
        ("Attention", c => c.AttentionSeconds),
        ("Element-wise", c => c.ElementwiseSeconds),
        ("TP collectives", c => c.CollectiveSeconds),
        ("PP transfer", c => c.PointToPointSeconds),
        ("Overhead", c => c.OverheadSeconds),
    ];

    public static Table Time(StepBreakdown breakdown, string title)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var table = new Table().Title(Markup.Escape(title)).AddColumn("Category");
        foreach (var stage in breakdown.Stages)
        {
            table.AddColumn(new TableColumn($"Stage {stage.Stage} ({stage.Layers} layers) ms").RightAligned());
            table.AddColumn(new TableColumn("share").RightAligned());
        }

        var total = breakdown.Total;
        if (breakdown.Stages.Count > 1)
        {
            table.AddColumn(new TableColumn("All stages ms").RightAligned());
            table.AddColumn(new TableColumn("share").RightAligned());
        }

        foreach (var (name, seconds) in Categories)
        {
            var cells = new List<string> { name };
            foreach (var stage in breakdown.Stages)
            {
                cells.AddRange(Pair(seconds(stage.Cost), stage.Cost.TotalSeconds));
            }

            if (breakdown.Stages.Count > 1)
            {
                cells.AddRange(Pair(seconds(total), total.TotalSeconds));
            }

            table.AddRow(cells.ToArray());
        }

        var totals = new List<string> { "[bold]Total[/]" };
        var bounds = new List<string> { "Dominant bound" };
        foreach (var cost in breakdown.Stages.Select(s => s.Cost).Concat(breakdown.Stages.Count > 1 ? [total] : []))
        {
            totals.AddRange([$"[bold]{Ms(cost.TotalSeconds)}[/]", "100%"]);
            bounds.AddRange([BoundName(cost.DominantBound), string.Empty]);
        }

        table.AddRow(totals.ToArray());
        table.AddRow(bounds.ToArray());
        return table;
    }

    public static Table Work(StepBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var table = new Table().Title("Work per GPU").AddColumn("Quantity");
        foreach (var stage in breakdown.Stages)
        {
            table.AddColumn(new TableColumn($"Stage {stage.Stage}").RightAligned());
        }

        void Row(string name, Func<StageBreakdown, string> value) =>
            table.AddRow([name, .. breakdown.Stages.Select(value)]);

        Row("GEMM TFLOP", s => Units.Fixed(s.Work.GemmFlops / 1e12, 3));
        Row("Attention TFLOP", s => Units.Fixed(s.Work.AttentionFlops / 1e12, 3));
        Row("Weights read GB", s => Units.Fixed(s.Work.WeightBytes / 1e9, 3));
        Row("KV cache read GB", s => Units.Fixed(s.Work.KvCacheReadBytes / 1e9, 3));
        Row("KV cache written GB", s => Units.Fixed(s.Work.KvCacheWriteBytes / 1e9, 3));
        Row("Activations GB", s => Units.Fixed(s.Work.ActivationBytes / 1e9, 3));
        Row("All-reduces", s => s.Work.AllReduces.ToString(CultureInfo.InvariantCulture));
        Row("All-reduce payload MB", s => Units.Fixed(s.Work.AllReduceBytes / 1e6, 3));
        Row("Logits gathered MB", s => Units.Fixed(s.Work.LogitsGatherBytes / 1e6, 3));
        Row("Kernels", s => s.Work.Kernels.ToString(CultureInfo.InvariantCulture));
        Row("Sent to next stage MB", s => s.TransferBytes > 0 ? Units.Fixed(s.TransferBytes / 1e6, 3) + (s.TransferCrossesNodes ? " (network)" : string.Empty) : "-");
        return table;
    }

    public static string BoundName(Bound bound) => bound switch
    {
        Bound.Compute => "compute",
        Bound.MemoryBandwidth => "memory bandwidth",
        Bound.Communication => "communication",
        _ => "overhead",
    };

    private static string[] Pair(double seconds, double total) =>
        [Ms(seconds), total > 0 ? (seconds / total).ToString("P1", CultureInfo.InvariantCulture) : "-"];

    private static string Ms(double seconds) => Units.Fixed(seconds * 1e3, 3);
}
