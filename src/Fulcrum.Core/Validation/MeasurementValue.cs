using Fulcrum.Metrics;

namespace Fulcrum.Validation;

/// <summary>Reads the value a measurement reports out of a predicted run, in the measurement's unit.</summary>
public static class MeasurementValue
{
    /// <summary>The predicted value of <paramref name="validationCase"/>, or why the run cannot give it.</summary>
    public static Prediction Of(ValidationCase validationCase, PredictedRun run)
    {
        ArgumentNullException.ThrowIfNull(validationCase);
        ArgumentNullException.ThrowIfNull(run);
        var c = validationCase;
        if (run.Completed < run.Requests)
        {
            return Prediction.Skip($"the simulation rejected {run.Requests - run.Completed} of {run.Requests} requests (longer than max-model-len or than the KV cache)");
        }

        if (!(run.DurationSeconds > 0))
        {
            return Prediction.Skip("the simulated run has no duration");
        }

        var gpus = c.PerGpu ? c.Deployment.TotalGpus : 1;
        double? value = c.Metric switch
        {
            ValidationMetric.EndToEndSeconds when c.Statistic == ValidationStatistic.Aggregate => run.DurationSeconds,
            ValidationMetric.EndToEndSeconds => Statistic(run.E2el, c.Statistic),
            ValidationMetric.OutputTokensPerSecond => run.OutputTokens / run.DurationSeconds / gpus,
            ValidationMetric.TotalTokensPerSecond => (run.InputTokens + run.OutputTokens) / run.DurationSeconds / gpus,
            ValidationMetric.RequestsPerSecond => run.Completed / run.DurationSeconds / gpus,
            ValidationMetric.TimeToFirstTokenMs => Statistic(run.Ttft, c.Statistic) * 1e3,
            ValidationMetric.TimePerOutputTokenMs => Statistic(run.Tpot, c.Statistic) * 1e3,
            _ => Statistic(run.Itl, c.Statistic) * 1e3,
        };
        return value is { } v && double.IsFinite(v) && v > 0
            ? Prediction.Of(v)
            : Prediction.Skip($"the simulated run has no {c.Metric} to compare (too few output tokens per request)");
    }

    private static double? Statistic(LatencySummary? summary, ValidationStatistic statistic) => summary is null ? null : statistic switch
    {
        ValidationStatistic.Median => summary.Median,
        ValidationStatistic.P90 => summary.P90,
        ValidationStatistic.P99 => summary.P99,
        _ => summary.Mean,
    };
}
