namespace Fulcrum.Planning;

/// <summary>
/// What the planner reads from one simulated run: throughputs, latency statistics and where the time went.
/// Built from a simulation result by an <see cref="IServingEvaluator"/>; missing statistics are null.
/// </summary>
public sealed record RunSummary
{
    /// <summary>Offered load, requests/s; null for an offline run (all requests at once).</summary>
    public double? RequestRate { get; init; }

    public required int Completed { get; init; }

    public required int Rejected { get; init; }

    public required double RequestThroughput { get; init; }

    /// <summary>Output tokens/s of all replicas.</summary>
    public required double OutputThroughput { get; init; }

    public required double TotalTokenThroughput { get; init; }

    /// <summary>Requests/s that met every SLO (vLLM's goodput).</summary>
    public double? Goodput { get; init; }

    /// <summary>Latency statistics in ms, by metric and statistic; absent when undefined.</summary>
    public required IReadOnlyDictionary<(SloMetric Metric, SloStatistic Statistic), double> LatencyMs { get; init; }

    /// <summary>Mean output tokens/s seen by one request after its first token: 1000 / mean TPOT.</summary>
    public double? OutputTokensPerSecondPerUser { get; init; }

    /// <summary>Busy GPU time by category (StepCost categories), seconds summed over stages and replicas.</summary>
    public required IReadOnlyDictionary<string, double> TimeBreakdownSeconds { get; init; }

    /// <summary>Fraction of stage time idle while requests were in flight (pipeline bubbles), 0 to 1.</summary>
    public double? BubbleFraction { get; init; }

    /// <summary>Mean time requests waited before their first scheduled step, ms.</summary>
    public double? MeanQueueingMs { get; init; }

    /// <summary>Mean and peak fraction of KV blocks in use.</summary>
    public double? MeanKvOccupancy { get; init; }

    public double? PeakKvOccupancy { get; init; }

    public int Preemptions { get; init; }

    /// <summary>Mean sequences per decode step, for explaining step costs at the batch size the run saw.</summary>
    public double? MeanDecodeBatch { get; init; }

    /// <summary>Mean prompt and output lengths of the completed requests, tokens.</summary>
    public double? MeanInputTokens { get; init; }

    public double? MeanOutputTokens { get; init; }

    public double? Latency(SloMetric metric, SloStatistic statistic) =>
        LatencyMs.TryGetValue((metric, statistic), out var value) ? value : null;

    /// <summary>The SLOs this run breaks; an SLO whose statistic is missing counts as broken.</summary>
    public IReadOnlyList<ServiceLevelObjective> Violations(ServiceLevelAgreement sla) =>
        sla.Objectives.Where(o => Latency(o.Metric, o.Statistic) is not { } v || v > o.ThresholdMs).ToList();

    public bool Meets(ServiceLevelAgreement sla) => Completed > 0 && Violations(sla).Count == 0;

    /// <summary>Largest ratio of measured to allowed latency over the SLOs; below 1 means all met.</summary>
    public double WorstSloRatio(ServiceLevelAgreement sla) =>
        sla.Objectives.Count == 0
            ? 0
            : sla.Objectives.Max(o => Latency(o.Metric, o.Statistic) is { } v ? v / o.ThresholdMs : double.PositiveInfinity);
}
