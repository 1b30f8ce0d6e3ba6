using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Tests.Planning;

/// <summary>
/// Test double for the simulator: an M/M/1-like replica whose service rate grows with PP and whose per-token
/// time shrinks with TP. Latencies rise as 1 / (1 − load); above the service rate the run cannot keep up.
/// </summary>
internal sealed class QueueingEvaluator : IServingEvaluator
{
    public double? NaturalRate => 5.0;

    public int Calls;

    /// <summary>Requests/s one replica serves: pipeline stages overlap batches, so PP adds throughput.</summary>
    public static double ServiceRate(Deployment d) => d.Dp * 2.0 * (1 + (0.5 * (d.Pp - 1))) * d.Engine.MaxNumSeqs / 64.0;

    public RunSummary Evaluate(Deployment d, double? requestRate)
    {
        Interlocked.Increment(ref Calls);
        var mu = ServiceRate(d);
        var rate = requestRate ?? mu;
        var load = Math.Min(rate / mu, 0.999);
        var tpot = 80.0 / d.Tp / (1 - (load * 0.5));
        var ttft = 100.0 / d.Tp / (1 - load);
        var throughput = Math.Min(rate, mu);
        var latency = new Dictionary<(SloMetric, SloStatistic), double>();
        foreach (var s in Enum.GetValues<SloStatistic>())
        {
            var factor = s == SloStatistic.P99 ? 2.0 : 1.0;
            latency[(SloMetric.Tpot, s)] = tpot * factor;
            latency[(SloMetric.Ttft, s)] = ttft * factor;
            latency[(SloMetric.E2e, s)] = (ttft + (100 * tpot)) * factor;
        }

        return new RunSummary
        {
            RequestRate = requestRate,
            Completed = 100,
            Rejected = 0,
            RequestThroughput = throughput,
            OutputThroughput = throughput * 100,
            TotalTokenThroughput = throughput * 1100,
            LatencyMs = latency,
            OutputTokensPerSecondPerUser = 1000 / tpot,
            TimeBreakdownSeconds = new Dictionary<string, double> { ["gemm_compute"] = 2, ["collective"] = d.Tp / 8.0 },
            BubbleFraction = d.Pp > 1 ? 0.1 : 0,
            MeanQueueingMs = ttft / 2,
            MeanKvOccupancy = load / 2,
            PeakKvOccupancy = load,
        };
    }
}
