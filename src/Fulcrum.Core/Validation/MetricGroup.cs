namespace Fulcrum.Validation;

/// <summary>Metrics grouped as the accuracy targets group them.</summary>
public enum MetricGroup
{
    /// <summary>Output, total-token and request throughput.</summary>
    Throughput,

    /// <summary>Time per output token and inter-token latency.</summary>
    Tpot,

    /// <summary>Time to first token.</summary>
    Ttft,

    /// <summary>End-to-end latency, of a request or of a whole batch.</summary>
    EndToEnd,
}

/// <summary>Grouping of metrics and the accuracy target of each group.</summary>
public static class MetricGroups
{
    public static MetricGroup Of(ValidationMetric metric) => metric switch
    {
        ValidationMetric.OutputTokensPerSecond or ValidationMetric.TotalTokensPerSecond or ValidationMetric.RequestsPerSecond => MetricGroup.Throughput,
        ValidationMetric.TimePerOutputTokenMs or ValidationMetric.InterTokenLatencyMs => MetricGroup.Tpot,
        ValidationMetric.TimeToFirstTokenMs => MetricGroup.Ttft,
        _ => MetricGroup.EndToEnd,
    };

    /// <summary>Group of a CSV metric name such as <c>ttft_ms</c>.</summary>
    public static MetricGroup Of(string csvMetric) => csvMetric switch
    {
        "output_tok_per_s" or "total_tok_per_s" or "requests_per_s" => MetricGroup.Throughput,
        "tpot_ms" or "itl_ms" => MetricGroup.Tpot,
        "ttft_ms" => MetricGroup.Ttft,
        _ => MetricGroup.EndToEnd,
    };

    /// <summary>
    /// Target for the cross-validated median absolute error: 10% for throughput and TPOT, 20% for TTFT and
    /// end-to-end latency, whose queueing and prefill scheduling vary more between engines.
    /// </summary>
    public static double Target(MetricGroup group) => group is MetricGroup.Throughput or MetricGroup.Tpot ? 0.10 : 0.20;

    public static string Name(MetricGroup group) => group switch
    {
        MetricGroup.Throughput => "throughput",
        MetricGroup.Tpot => "TPOT/ITL",
        MetricGroup.Ttft => "TTFT",
        _ => "E2E",
    };
}
