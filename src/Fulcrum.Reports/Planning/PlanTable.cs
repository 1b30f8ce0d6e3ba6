using Fulcrum.Planning;
using Fulcrum.Reports.Tables;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fulcrum.Reports.Planning;

/// <summary>Console view of a plan: every configuration with the three highlighted ones marked, then the explanations.</summary>
public static class PlanTable
{
    public static IRenderable Render(PlanResult plan)
    {
        var o = plan.Options;
        var table = new Table()
            .Title(Markup.Escape($"{o.Model.Name} on {o.Cluster.TotalGpus}× {o.Cluster.Accelerator.Name}, SLA {o.Sla.Name}: {string.Join(", ", o.Sla.Objectives)}"))
            .AddColumns("", "Configuration", "GPUs", "SLA capacity req/s", "Goodput req/s/GPU", "Out tok/s/GPU @cap", "Saturated tok/s/GPU", "Light p50 TTFT ms", "Light p50 TPOT ms", "p99 TTFT ms @cap", "p99 TPOT ms @cap");
        var order = Enumerable.Range(0, plan.Candidates.Count)
            .OrderByDescending(i => plan.Candidates[i].GoodputPerGpu)
            .ThenByDescending(i => plan.Candidates[i].SaturatedOutputThroughputPerGpu);
        foreach (var i in order)
        {
            var c = plan.Candidates[i];
            table.AddRow(
                Marks(plan, i),
                Markup.Escape(c.Label),
                c.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.MeetsSla ? Units.Fixed(c.CapacityRps, 2) : "[red]misses[/]",
                Units.Fixed(c.GoodputPerGpu, 3),
                Units.Fixed(c.OutputThroughputPerGpuAtCapacity, 0),
                Units.Fixed(c.SaturatedOutputThroughputPerGpu, 0),
                Units.Optional(c.LightLoad.Latency(SloMetric.Ttft, SloStatistic.P50), 1),
                Units.Optional(c.LightLoad.Latency(SloMetric.Tpot, SloStatistic.P50), 1),
                Units.Optional(c.AtCapacity?.Latency(SloMetric.Ttft, SloStatistic.P99), 1),
                Units.Optional(c.AtCapacity?.Latency(SloMetric.Tpot, SloStatistic.P99), 1));
        }

        var rows = new List<IRenderable> { table, new Markup("[dim]R = recommended, L = lowest latency, T = highest throughput.[/]") };
        if (plan.Recommended is null)
        {
            rows.Add(new Markup("[red]No configuration meets every SLO.[/] The nearest are explained below."));
        }

        foreach (var e in plan.Explanations)
        {
            rows.Add(new Rule(Markup.Escape($"{e.Role}: {plan.Candidates[e.Candidate].Label}")).LeftJustified());
            foreach (var s in e.Sentences)
            {
                rows.Add(new Markup("  • " + Markup.Escape(s)));
            }
        }

        if (plan.Excluded.Count > 0)
        {
            rows.Add(new Markup(Markup.Escape($"{plan.Excluded.Count} splits left out because they do not fit or break a rule; run 'fulcrum fit' for the reasons.")));
        }

        return new Rows(rows);
    }

    private static string Marks(PlanResult plan, int i) =>
        (plan.Recommended == i ? "[green]R[/]" : string.Empty)
        + (plan.LowestLatency == i ? "[blue]L[/]" : string.Empty)
        + (plan.HighestThroughput == i ? "[yellow]T[/]" : string.Empty);
}
