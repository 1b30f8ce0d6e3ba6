using System.Globalization;
using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fulcrum.Reports.Tables;

/// <summary>Console summary of <c>fulcrum simulate</c>: latency statistics, throughput, and what the engine did.</summary>
public static class SimulationTable
{
    public static IRenderable Render(SimulationResult result, string title)
    {
        var m = result.Metrics;
        return new Rows(
            new Markup($"[bold]{Markup.Escape(title)}[/]"),
            new Markup(Markup.Escape(result.Config.Workload.Description)),
            Latencies(m),
            Throughput(m),
            Engine(result.Engine, m.DurationSeconds));
    }

    public static Table Latencies(ServingMetrics m)
    {
        var table = new Table().Title("Latency, ms (completed requests)").AddColumns("Metric", "Mean", "Median", "P90", "P95", "P99", "Std", "Min", "Max");
        void Row(string name, LatencySummary? s)
        {
            if (s is null)
            {
                table.AddRow(name, "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
                return;
            }

            table.AddRow(name, Ms(s.Mean), Ms(s.Median), Ms(s.P90), Ms(s.P95), Ms(s.P99), Ms(s.StandardDeviation), Ms(s.Min), Ms(s.Max));
        }

        Row("TTFT", m.Ttft);
        Row("TPOT", m.Tpot);
        Row("ITL", m.Itl);
        Row("E2E latency", m.E2el);
        Row("Queueing delay", m.QueueingDelay);
        if (m.ClientQueueTime is not null)
        {
            Row("Client queue", m.ClientQueueTime);
        }

        return table;
    }

    public static Table Throughput(ServingMetrics m)
    {
        var table = new Table().Title("Throughput").AddColumns("Measure", "Value");
        table.AddRow("Requests completed / rejected", $"{Units.Count(m.Completed)} / {Units.Count(m.Rejected)}");
        table.AddRow("Duration, s", Units.Optional(m.DurationSeconds, 2));
        table.AddRow("Request throughput, req/s", Units.Optional(m.RequestThroughput, 3));
        table.AddRow("Request goodput, req/s", Units.Optional(m.RequestGoodput, 3));
        table.AddRow("Output throughput, tok/s", Units.Optional(m.OutputThroughput, 1));
        table.AddRow("Total token throughput, tok/s", Units.Optional(m.TotalTokenThroughput, 1));
        table.AddRow("Output tok/s per GPU", Units.Optional(m.OutputThroughputPerGpu, 1));
        table.AddRow("Output tok/s per user", Units.Optional(m.OutputTokensPerSecondPerUser, 1));
        table.AddRow("Peak output tok/s (1 s windows)", m.MaxOutputTokensPerSecond is { } peak ? Units.Count(peak) : "n/a");
        table.AddRow("Peak concurrent requests", m.MaxConcurrentRequests is { } c ? Units.Count(c) : "n/a");
        return table;
    }

    private static Table Engine(EngineStatistics s, double duration)
    {
        var table = new Table().Title("Engine").AddColumns("Measure", "Value");
        table.AddRow("Steps", Units.Count(s.Steps));
        table.AddRow("Mean sequences / tokens per step", $"{Units.Optional(s.MeanBatchSequences, 1)} / {Units.Optional(s.MeanBatchTokens, 1)}");
        table.AddRow("GPU busy", Percent(s.GpuUtilization));
        table.AddRow("Pipeline bubbles", s.Stages == 1 ? "none (PP=1)" : Percent(s.BubbleFraction));
        table.AddRow("KV cache in use, mean / max", $"{Percent(s.MeanKvCacheUsage)} / {Percent(s.MaxKvCacheUsage)}");
        table.AddRow("KV cache per replica, tokens", Units.Count(s.KvCacheTokensPerReplica));
        table.AddRow("Requests waiting, mean / max", $"{Units.Optional(s.MeanQueueLength, 1)} / {Units.Count(s.MaxQueueLength)}");
        table.AddRow("Preemptions (requests)", $"{Units.Count(s.Preemptions)} ({Units.Count(s.PreemptedRequests)})");
        table.AddRow("Rejected: too long / over KV cache", $"{Units.Count(s.RejectedTooLong)} / {Units.Count(s.RejectedOverKvCapacity)}");
        table.AddRow("Busy time by category", duration > 0 ? Markup.Escape(Breakdown(s.BusyTime)) : "n/a");
        return table;
    }

    private static string Breakdown(StepCost c)
    {
        var total = c.TotalSeconds;
        if (total <= 0)
        {
            return "n/a";
        }

        (string Name, double Seconds)[] parts =
        [
            ("GEMM compute", c.GemmComputeSeconds), ("GEMM memory", c.GemmMemorySeconds), ("attention", c.AttentionSeconds),
            ("element-wise", c.ElementwiseSeconds), ("collectives", c.CollectiveSeconds), ("point-to-point", c.PointToPointSeconds),
            ("overhead", c.OverheadSeconds),
        ];
        return string.Join(", ", parts.Where(p => p.Seconds > 0).OrderByDescending(p => p.Seconds).Select(p => $"{p.Name} {p.Seconds / total:P0}"));
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double? fraction) => fraction is { } f ? f.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
}
