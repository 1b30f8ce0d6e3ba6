namespace Fulcrum.Planning;

/// <summary>Per-request latency metrics an SLO can bound (definitions in docs/METRICS.md).</summary>
public enum SloMetric
{
    /// <summary>Time to first token.</summary>
    Ttft,

    /// <summary>Time per output token after the first.</summary>
    Tpot,

    /// <summary>Inter-token latency.</summary>
    Itl,

    /// <summary>End-to-end latency.</summary>
    E2e,
}
