using Fulcrum.Errors;

namespace Fulcrum.Planning;

/// <summary>A named set of SLOs a configuration must meet together.</summary>
public sealed record ServiceLevelAgreement(string Name, string Description, IReadOnlyList<ServiceLevelObjective> Objectives)
{
    /// <summary>
    /// Built-in SLAs, taken from the MLPerf Inference LoadGen latency constraints (mlcommons/inference,
    /// loadgen/mlperf.conf; p99 over the run, TTFT and TPOT in ms).
    /// </summary>
    public static IReadOnlyList<ServiceLevelAgreement> Presets { get; } =
    [
        new("interactive", "Interactive chat: p99 TTFT ≤ 450 ms, p99 TPOT ≤ 40 ms (MLPerf llama2-70b-interactive server constraints).",
            [new(SloMetric.Ttft, SloStatistic.P99, 450), new(SloMetric.Tpot, SloStatistic.P99, 40)]),
        new("chat", "Chat service: p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms (MLPerf llama2-70b server constraints).",
            [new(SloMetric.Ttft, SloStatistic.P99, 2000), new(SloMetric.Tpot, SloStatistic.P99, 200)]),
        new("code", "Code completion: p99 TTFT ≤ 500 ms, p99 TPOT ≤ 30 ms (MLPerf's tightest LLM constraints, llama3_1-8b-interactive).",
            [new(SloMetric.Ttft, SloStatistic.P99, 500), new(SloMetric.Tpot, SloStatistic.P99, 30)]),
        new("summarization", "Batch summarization: p99 TTFT ≤ 6 s, p99 TPOT ≤ 175 ms (MLPerf llama3_1-405b server constraints).",
            [new(SloMetric.Ttft, SloStatistic.P99, 6000), new(SloMetric.Tpot, SloStatistic.P99, 175)]),
        new("none", "No latency objective: rank by throughput alone.", []),
    ];

    public static ServiceLevelAgreement Preset(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException($"Unknown SLA preset '{name}'. Use one of: {string.Join(", ", Presets.Select(p => p.Name))}, or give --slo METRIC:STAT:MS.");

    /// <summary>The preset with any objectives of <paramref name="overrides"/> replacing those on the same metric and statistic.</summary>
    public ServiceLevelAgreement With(IEnumerable<ServiceLevelObjective> overrides)
    {
        var list = Objectives.ToList();
        var changed = false;
        foreach (var o in overrides)
        {
            list.RemoveAll(x => x.Metric == o.Metric && x.Statistic == o.Statistic);
            list.Add(o);
            changed = true;
        }

        return changed ? new ServiceLevelAgreement(Name + " (custom)", "Custom: " + string.Join(", ", list), list) : this;
    }
}
