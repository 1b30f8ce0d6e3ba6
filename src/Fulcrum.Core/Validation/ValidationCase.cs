using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Validation;

/// <summary>
/// A measurement resolved to catalog entries: a static batch of <see cref="Batch"/> identical requests of
/// <see cref="Isl"/> input and <see cref="Osl"/> output tokens on a TP × PP × DP deployment.
/// </summary>
public sealed record ValidationCase
{
    public required Measurement Measurement { get; init; }

    public required ModelArchitecture Model { get; init; }

    public required AcceleratorSpec Accelerator { get; init; }

    public required WeightPrecision Weights { get; init; }

    public required KvCachePrecision KvCache { get; init; }

    /// <summary>Whether the row does not state the KV-cache precision, so the engines' default (bf16) was assumed.</summary>
    public bool KvCacheAssumed { get; init; }

    public required int Batch { get; init; }

    public required int Isl { get; init; }

    public required int Osl { get; init; }

    public required ValidationMetric Metric { get; init; }

    /// <summary>Whether a throughput value is per GPU rather than for the whole run.</summary>
    public bool PerGpu { get; init; }
}
