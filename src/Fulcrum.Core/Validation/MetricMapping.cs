namespace Fulcrum.Validation;

/// <summary>Reads a measurement's metric and statistic columns into what a simulation result is compared on.</summary>
internal static class MetricMapping
{
    /// <summary>The metric, its statistic and whether it is per GPU; null with <paramref name="reason"/> when not modelled.</summary>
    public static (ValidationMetric Metric, ValidationStatistic Statistic, bool PerGpu)? Read(Measurement m, ValidationScenario scenario, out string? reason)
    {
        reason = null;
        var statistic = m.Statistic;
        var perGpu = statistic.Contains("per GPU", StringComparison.OrdinalIgnoreCase);
        var metric = m.Metric switch
        {
            "e2e_latency_s" => ValidationMetric.EndToEndSeconds,
            "output_tok_per_s" => ValidationMetric.OutputTokensPerSecond,
            "total_tok_per_s" => ValidationMetric.TotalTokensPerSecond,
            "requests_per_s" => ValidationMetric.RequestsPerSecond,
            "ttft_ms" => ValidationMetric.TimeToFirstTokenMs,
            "tpot_ms" => ValidationMetric.TimePerOutputTokenMs,
            _ => ValidationMetric.InterTokenLatencyMs,
        };

        if (metric is ValidationMetric.OutputTokensPerSecond or ValidationMetric.TotalTokensPerSecond or ValidationMetric.RequestsPerSecond)
        {
            if (!perGpu && !statistic.StartsWith("aggregate", StringComparison.OrdinalIgnoreCase))
            {
                reason = $"statistic '{statistic}' does not say whether the throughput is per GPU or total";
                return null;
            }

            return (metric, ValidationStatistic.Aggregate, perGpu);
        }

        // A static batch's end-to-end figure is the time to finish the whole batch, whatever the column calls it.
        if (scenario == ValidationScenario.StaticBatch && metric == ValidationMetric.EndToEndSeconds)
        {
            return (metric, ValidationStatistic.Aggregate, false);
        }

        ValidationStatistic? parsed = statistic switch
        {
            _ when Has(statistic, "median") => ValidationStatistic.Median,
            _ when Has(statistic, "p90") => ValidationStatistic.P90,
            _ when Has(statistic, "p99") => ValidationStatistic.P99,
            _ when Has(statistic, "mean") || Has(statistic, "average") || Has(statistic, "avg") => ValidationStatistic.Mean,
            _ => null,
        };
        if (parsed is null)
        {
            reason = $"statistic '{statistic}' is not modelled; use a mean, median, p90 or p99";
            return null;
        }

        return (metric, parsed.Value, false);
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
