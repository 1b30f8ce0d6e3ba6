namespace Fulcrum.Metrics;

/// <summary>How a request ended.</summary>
public enum RequestOutcome
{
    /// <summary>Every requested output token was produced.</summary>
    Completed,

    /// <summary>Turned away on arrival: longer than the maximum model length or larger than the whole KV cache.</summary>
    Rejected,

    /// <summary>Ended with an error before its last token (live benchmarks: HTTP or stream errors).</summary>
    Failed,

    /// <summary>Removed from the engine before its last token because its client went away (online simulation).</summary>
    Aborted,
}
