using System.Collections.Concurrent;
using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Planning;

/// <summary>
/// Evaluates deployments by simulating them under one workload at a chosen request rate. A trace replay keeps the
/// trace's own burstiness and scales its timestamps to the rate; a synthetic workload draws gamma arrivals at the
/// rate with its burstiness. An offline run sends every request at once. Thread-safe.
/// </summary>
public sealed class SimulationEvaluator : IServingEvaluator
{
    private readonly WorkloadSpec workload;
    private readonly SloThresholds? goodput;
    private readonly Func<Deployment, IStepCostModel> costModels;
    private readonly ConcurrentDictionary<Deployment, IStepCostModel> modelCache = new(ReferenceEqualityComparer.Instance);

    public SimulationEvaluator(WorkloadSpec workload, ServiceLevelAgreement sla, Func<Deployment, IStepCostModel> costModels, RouterPolicy router = RouterPolicy.RoundRobin)
    {
        workload.Validate();
        this.workload = workload;
        this.costModels = costModels;
        Router = router;
        goodput = GoodputThresholds(sla);
        NaturalRate = ComputeNaturalRate(workload);
    }

    public double? NaturalRate { get; }

    /// <summary>How every run spreads requests over DP replicas.</summary>
    public RouterPolicy Router { get; }

    public RunSummary Evaluate(Deployment deployment, double? requestRate)
    {
        var spec = workload with { Arrival = ArrivalAt(requestRate) };
        var config = new SimulationConfig
        {
            Deployment = deployment,
            CostModel = modelCache.GetOrAdd(deployment, costModels),
            Workload = spec.Generate(),
            Router = Router,
            Slo = goodput,
        };
        return Summarize(Simulator.Run(config), requestRate);
    }

    /// <summary>Maps a simulation result onto the planner's summary; latencies become milliseconds.</summary>
    public static RunSummary Summarize(SimulationResult result, double? requestRate)
    {
        var m = result.Metrics;
        var e = result.Engine;
        var latency = new Dictionary<(SloMetric, SloStatistic), double>();
        AddLatency(latency, SloMetric.Ttft, m.Ttft);
        AddLatency(latency, SloMetric.Tpot, m.Tpot);
        AddLatency(latency, SloMetric.Itl, m.Itl);
        AddLatency(latency, SloMetric.E2e, m.E2el);
        var busy = e.BusyTime;
        var breakdown = new Dictionary<string, double>
        {
            ["GEMM compute"] = busy.GemmComputeSeconds,
            ["GEMM weight reads"] = busy.GemmMemorySeconds,
            ["attention"] = busy.AttentionSeconds,
            ["element-wise"] = busy.ElementwiseSeconds,
            ["TP collectives"] = busy.CollectiveSeconds,
            ["PP transfers"] = busy.PointToPointSeconds,
            ["step overhead"] = busy.OverheadSeconds,
            ["pipeline bubbles"] = e.BubbleSeconds,
        };
        var steps = Math.Max(1, e.Steps);
        return new RunSummary
        {
            RequestRate = requestRate,
            Completed = m.Completed,
            Rejected = m.Rejected,
            RequestThroughput = m.RequestThroughput ?? 0,
            OutputThroughput = m.OutputThroughput ?? 0,
            TotalTokenThroughput = m.TotalTokenThroughput ?? 0,
            Goodput = m.RequestGoodput,
            LatencyMs = latency,
            OutputTokensPerSecondPerUser = m.OutputTokensPerSecondPerUser,
            TimeBreakdownSeconds = breakdown,
            BubbleFraction = e.BubbleFraction,
            MeanQueueingMs = m.QueueingDelay?.Mean * 1000,
            MeanKvOccupancy = e.MeanKvCacheUsage,
            PeakKvOccupancy = e.MaxKvCacheUsage,
            Preemptions = (int)Math.Min(int.MaxValue, e.Preemptions),
            MeanDecodeBatch = e.Steps == 0 ? null : (double)e.DecodeTokens / steps,
            MeanInputTokens = m.Completed == 0 ? null : (double)m.TotalInputTokens / m.Completed,
            MeanOutputTokens = m.Completed == 0 ? null : (double)m.TotalOutputTokens / m.Completed,
        };
    }

    /// <summary>Goodput counts requests meeting the SLA's per-request bounds (vLLM's definition takes no percentile).</summary>
    public static SloThresholds? GoodputThresholds(ServiceLevelAgreement sla)
    {
        double? Bound(SloMetric metric) =>
            sla.Objectives.Where(o => o.Metric == metric).Select(o => (double?)o.ThresholdMs / 1000).DefaultIfEmpty(null).Min();
        var thresholds = new SloThresholds(Bound(SloMetric.Ttft), Bound(SloMetric.Tpot), Bound(SloMetric.E2e));
        return thresholds.TtftSeconds is null && thresholds.TpotSeconds is null && thresholds.E2elSeconds is null ? null : thresholds;
    }

    private ArrivalProcess ArrivalAt(double? rate)
    {
        if (rate is not { } r)
        {
            return new ArrivalProcess.AllAtOnce();
        }

        if (workload.Arrival is ArrivalProcess.Replay && NaturalRate is { } natural)
        {
            return new ArrivalProcess.Replay(natural / r);
        }

        var burstiness = workload.Arrival is ArrivalProcess.Rate given ? given.Burstiness : 1.0;
        return new ArrivalProcess.Rate(r, burstiness);
    }

    private static double? ComputeNaturalRate(WorkloadSpec spec)
    {
        switch (spec.Arrival)
        {
            case ArrivalProcess.Rate rate:
                return rate.RequestsPerSecond;
            case ArrivalProcess.Replay replay when spec.Trace is { } trace:
                var count = Math.Min(spec.NumPrompts ?? trace.Rows.Count, trace.Rows.Count);
                if (count < 2)
                {
                    return null;
                }

                var span = (trace.Rows[count - 1].ArrivalSeconds - trace.Rows[0].ArrivalSeconds) * replay.TimeScale;
                return span > 0 ? (count - 1) / span : null;
            default:
                return null;
        }
    }

    private static void AddLatency(Dictionary<(SloMetric, SloStatistic), double> latency, SloMetric metric, LatencySummary? summary)
    {
        if (summary is null)
        {
            return;
        }

        latency[(metric, SloStatistic.Mean)] = summary.Mean * 1000;
        latency[(metric, SloStatistic.P50)] = summary.Median * 1000;
        latency[(metric, SloStatistic.P90)] = summary.P90 * 1000;
        latency[(metric, SloStatistic.P95)] = summary.P95 * 1000;
        latency[(metric, SloStatistic.P99)] = summary.P99 * 1000;
    }
}
