namespace Fulcrum.Validation;

/// <summary>What a priced measurement reports, in the unit of its CSV metric.</summary>
public enum ValidationMetric
{
    /// <summary>Seconds until the whole batch has finished (<c>e2e_latency_s</c>).</summary>
    EndToEndSeconds,

    /// <summary>Output tokens per second of the batch (<c>output_tok_per_s</c>), per GPU where the row states it.</summary>
    OutputTokensPerSecond,

    /// <summary>Input plus output tokens per second (<c>total_tok_per_s</c>).</summary>
    TotalTokensPerSecond,

    /// <summary>Requests finished per second (<c>requests_per_s</c>).</summary>
    RequestsPerSecond,

    /// <summary>Mean time to first token, ms (<c>ttft_ms</c>).</summary>
    TimeToFirstTokenMs,

    /// <summary>Mean time per output token after the first, ms (<c>tpot_ms</c>, and <c>itl_ms</c>, which equals it in a static batch).</summary>
    TimePerOutputTokenMs,
}
