using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Planning;

/// <summary>One bound such as "p99 TTFT ≤ 450 ms".</summary>
public sealed record ServiceLevelObjective(SloMetric Metric, SloStatistic Statistic, double ThresholdMs)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StatisticName(Statistic)} {MetricName(Metric)} ≤ {ThresholdMs:0.###} ms");

    /// <summary>Parses <c>METRIC:STAT:MS</c>, such as <c>ttft:p99:450</c> or <c>tpot:mean:40</c>.</summary>
    public static ServiceLevelObjective Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            throw new InputException($"Invalid SLO '{text}'. Write METRIC:STAT:MS, for example ttft:p99:450 (metrics ttft, tpot, itl, e2e; stats mean, p50, p90, p95, p99).");
        }

        var metric = parts[0].ToLowerInvariant() switch
        {
            "ttft" => SloMetric.Ttft,
            "tpot" => SloMetric.Tpot,
            "itl" => SloMetric.Itl,
            "e2e" or "e2el" => SloMetric.E2e,
            _ => throw new InputException($"Invalid SLO metric '{parts[0]}' in '{text}'. Use ttft, tpot, itl or e2e."),
        };
        var statistic = parts[1].ToLowerInvariant() switch
        {
            "mean" => SloStatistic.Mean,
            "p50" or "median" => SloStatistic.P50,
            "p90" => SloStatistic.P90,
            "p95" => SloStatistic.P95,
            "p99" => SloStatistic.P99,
            _ => throw new InputException($"Invalid SLO statistic '{parts[1]}' in '{text}'. Use mean, p50, p90, p95 or p99."),
        };
        var number = parts[2].EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? parts[2][..^2] : parts[2];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms <= 0 || double.IsInfinity(ms))
        {
            throw new InputException($"Invalid SLO threshold '{parts[2]}' in '{text}'. Give a positive number of milliseconds.");
        }

        return new ServiceLevelObjective(metric, statistic, ms);
    }

    public static string MetricName(SloMetric metric) => metric switch
    {
        SloMetric.Ttft => "TTFT",
        SloMetric.Tpot => "TPOT",
        SloMetric.Itl => "ITL",
        _ => "E2E",
    };

    public static string StatisticName(SloStatistic statistic) => statistic switch
    {
        SloStatistic.Mean => "mean",
        SloStatistic.P50 => "p50",
        SloStatistic.P90 => "p90",
        SloStatistic.P95 => "p95",
        _ => "p99",
    };
}
