using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Planning;

/// <summary>What the planner searches: the model, the GPUs, the precisions and engine caps to try, and the SLA.</summary>
public sealed record PlanOptions
{
    public required ModelArchitecture Model { get; init; }

    public required ClusterSpec Cluster { get; init; }

    public IReadOnlyList<WeightPrecision> Weights { get; init; } = [WeightPrecision.Bf16];

    public IReadOnlyList<KvCachePrecision> KvCaches { get; init; } = [KvCachePrecision.Bf16];

    /// <summary>Engine settings every candidate starts from; the grids below override their caps.</summary>
    public EngineSettings Engine { get; init; } = new();

    /// <summary>Values of max-num-seqs to try. The default spans a latency-leaning and a throughput-leaning cap.</summary>
    public IReadOnlyList<int> MaxNumSeqs { get; init; } = [64, 256];

    /// <summary>Values of max-num-batched-tokens to try: vLLM V1's 2,048 for latency and 8,192 for throughput.</summary>
    public IReadOnlyList<int> MaxNumBatchedTokens { get; init; } = [2048, 8192];

    public IReadOnlyList<bool> ChunkedPrefill { get; init; } = [true];

    public required ServiceLevelAgreement Sla { get; init; }

    /// <summary>Rate the user must serve, requests/s over the whole cluster; null when only capacity matters.</summary>
    public double? TargetRate { get; init; }

    /// <summary>Worker threads; default all cores.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
