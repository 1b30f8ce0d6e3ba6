using Fulcrum.Memory;
using Spectre.Console;

namespace Fulcrum.Reports.Tables;

/// <summary>The <c>fulcrum fit</c> table: one row per split, sizes per GPU of the limiting stage.</summary>
public static class FitTable
{
    public static Table Render(IReadOnlyList<FitRow> rows, string title)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns(
            "Split", "Fits", "Weights GiB", "Activations GiB", "Reserve GiB", "KV cache GiB", "KV tokens", "Max seqs @ max-len", "Why not");
        foreach (var row in rows)
        {
            var plan = row.Plan;
            var limiting = plan?.Limiting;
            table.AddRow(
                row.Split.ToString(),
                row.Fits ? "[green]yes[/]" : "[red]no[/]",
                limiting is null ? "-" : Units.GiB(limiting.WeightsBytes),
                limiting is null ? "-" : Units.GiB(limiting.ActivationBytes),
                limiting is null ? "-" : Units.GiB(limiting.ReserveBytes),
                limiting is null ? "-" : Units.GiB(Math.Max(0, limiting.KvCacheBytes)),
                plan is null ? "-" : Units.Count(plan.KvCacheTokens),
                plan is null ? "-" : Units.Count(plan.MaxConcurrentSequences),
                Markup.Escape(row.Reason ?? string.Empty));
        }

        return table;
    }
}
