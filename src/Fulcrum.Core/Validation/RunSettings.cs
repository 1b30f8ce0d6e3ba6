using Fulcrum.Specs.Deployments;

namespace Fulcrum.Validation;

/// <summary>
/// Structured settings of a run that a result file states exactly (a <c>fulcrum simulate</c> or <c>fulcrum bench</c>
/// result), used in place of the free-text <c>batch_or_concurrency</c> and <c>request_rate</c> columns of the
/// published measurements. Null fields were not stated.
/// </summary>
public sealed record RunSettings
{
    /// <summary>Prompts the run sent.</summary>
    public required int NumPrompts { get; init; }

    /// <summary>Client concurrency cap; null for none.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Offered request rate, requests/s; null when every request was sent at once.</summary>
    public double? RequestRate { get; init; }

    /// <summary>Shape of the gamma-distributed gaps between requests (1 is Poisson).</summary>
    public double Burstiness { get; init; } = 1.0;

    public int? MaxNumSeqs { get; init; }

    public int? MaxNumBatchedTokens { get; init; }

    public int? MaxModelLength { get; init; }

    public BatchingPolicy? BatchingPolicy { get; init; }

    public bool? ChunkedPrefill { get; init; }

    public double? GpuMemoryUtilization { get; init; }

    /// <summary>Seed of the run's random draws (arrival gaps, lengths).</summary>
    public long Seed { get; init; }
}
