using Fulcrum.Performance;
using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;
using Fulcrum.Study;

namespace Fulcrum.Tests.Study;

/// <summary>Builds static points and online runs with chosen numbers, for findings tests whose expected values are computed by hand.</summary>
internal static class HandGrid
{
    /// <summary>A run of <paramref name="batch"/> requests: latencies in ms (mean and p99 alike), node output tokens/s.</summary>
    public static StaticPoint Point(Split split, int input, int output, int batch, int largest, double ttftMs, double tpotMs, double outputPerSecond, TimeBreakdown? time = null) => new()
    {
        Split = split,
        InputTokens = input,
        OutputTokens = output,
        BatchSize = batch,
        LargestBatch = largest,
        Run = Summary(batch, ttftMs, tpotMs, ttftMs + (tpotMs * (output - 1)), outputPerSecond, null),
        Time = time ?? Decode(memory: 1),
    };

    /// <summary>A point whose batch exceeds <paramref name="largest"/>: not run.</summary>
    public static StaticPoint Skipped(Split split, int input, int output, int batch, int largest) => new()
    {
        Split = split,
        InputTokens = input,
        OutputTokens = output,
        BatchSize = batch,
        LargestBatch = largest,
    };

    /// <summary>An online run at <paramref name="rate"/> requests/s that completes <paramref name="throughput"/> requests/s.</summary>
    public static OnlinePoint Online(double rate, double throughput, double p50E2eMs, double p99TtftMs, double p99TpotMs) =>
        new(rate, Summary(100, p99TtftMs, p99TpotMs, p50E2eMs, throughput * 200, throughput));

    /// <summary>Decode-only time: GEMM weight reads, collectives, overhead, in seconds.</summary>
    public static TimeBreakdown Decode(double memory = 0, double collectives = 0, double overhead = 0, double bubbles = 0) =>
        new(default, new StepCost { GemmMemorySeconds = memory, CollectiveSeconds = collectives, OverheadSeconds = overhead }, bubbles);

    private static RunSummary Summary(int completed, double ttftMs, double tpotMs, double e2eMs, double outputPerSecond, double? requestsPerSecond)
    {
        var latency = new Dictionary<(SloMetric, SloStatistic), double>();
        foreach (var statistic in Enum.GetValues<SloStatistic>())
        {
            latency[(SloMetric.Ttft, statistic)] = ttftMs;
            latency[(SloMetric.Tpot, statistic)] = tpotMs;
            latency[(SloMetric.E2e, statistic)] = e2eMs;
        }

        return new RunSummary
        {
            Completed = completed,
            Rejected = 0,
            RequestThroughput = requestsPerSecond ?? completed / (e2eMs / 1000),
            OutputThroughput = outputPerSecond,
            TotalTokenThroughput = outputPerSecond * 2,
            LatencyMs = latency,
            TimeBreakdownSeconds = new Dictionary<string, double>(),
        };
    }
}
