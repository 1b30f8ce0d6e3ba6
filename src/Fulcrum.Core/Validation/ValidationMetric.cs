namespace Fulcrum.Validation;

/// <summary>What a priced measurement reports, in the unit of its CSV metric.</summary>
public enum ValidationMetric
{
    /// <summary>
    /// End-to-end latency, seconds (<c>e2e_latency_s</c>): of the whole batch in a static batch, else of single
    /// requests under the row's statistic.
    /// </summary>
    EndToEndSeconds,

    /// <summary>Output tokens per second of the run (<c>output_tok_per_s</c>), per GPU where the row states it.</summary>
    OutputTokensPerSecond,

    /// <summary>Input plus output tokens per second (<c>total_tok_per_s</c>).</summary>
    TotalTokensPerSecond,

    /// <summary>Requests finished per second (<c>requests_per_s</c>).</summary>
    RequestsPerSecond,

    /// <summary>Time to first token, ms (<c>ttft_ms</c>).</summary>
    TimeToFirstTokenMs,

    /// <summary>Time per output token after the first, per request, ms (<c>tpot_ms</c>).</summary>
    TimePerOutputTokenMs,

    /// <summary>Gap between consecutive output tokens, over all tokens, ms (<c>itl_ms</c>).</summary>
    InterTokenLatencyMs,
}
