using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Planning;

/// <summary>One configuration's simulated results under the plan's workload.</summary>
public sealed record CandidateEvaluation
{
    public required Deployment Deployment { get; init; }

    /// <summary>Run at a light load every candidate can serve: the latency of a nearly idle system.</summary>
    public required RunSummary LightLoad { get; init; }

    /// <summary>Highest rate, requests/s over the cluster, that meets the SLA; 0 when none does.</summary>
    public required double CapacityRps { get; init; }

    public RunSummary? AtCapacity { get; init; }

    /// <summary>The first failing run above capacity: it shows what gives way first.</summary>
    public RunSummary? AboveCapacity { get; init; }

    /// <summary>Run with every request at once: the most tokens per second the configuration produces.</summary>
    public required RunSummary Saturated { get; init; }

    /// <summary>Run at the user's target rate, when one is given.</summary>
    public RunSummary? AtTarget { get; init; }

    public int SimulatedRuns { get; init; }

    public int Gpus => Deployment.TotalGpus;

    public bool MeetsSla => CapacityRps > 0 && AtCapacity is not null;

    /// <summary>Requests/s per GPU at capacity that met every SLO.</summary>
    public double GoodputPerGpu => MeetsSla ? (AtCapacity!.Goodput ?? AtCapacity.RequestThroughput) / Gpus : 0;

    /// <summary>Output tokens/s per GPU at SLA capacity.</summary>
    public double OutputThroughputPerGpuAtCapacity => MeetsSla ? AtCapacity!.OutputThroughput / Gpus : 0;

    public double SaturatedOutputThroughputPerGpu => Saturated.OutputThroughput / Gpus;

    /// <summary>
    /// Name unique within a plan, such as "TP4×PP1×DP2 bf16 seqs64 tok2048": the split, the weight precision, " kv-fp8"
    /// for an fp8 KV cache, the caps and " no-chunk" without chunked prefill.
    /// </summary>
    public string Label
    {
        get
        {
            var e = Deployment.Engine;
            var kv = Deployment.KvCache == KvCachePrecision.Bf16 ? string.Empty : " kv-" + Deployment.KvCache.Name();
            return $"{Deployment.Label} {Deployment.Weights.Name()}{kv} seqs{e.MaxNumSeqs} tok{e.MaxNumBatchedTokens}{(e.ChunkedPrefill ? string.Empty : " no-chunk")}";
        }
    }
}
