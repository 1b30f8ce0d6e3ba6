using Fulcrum.Memory;

namespace Fulcrum.Planning;

/// <summary>The planner's one immutable result, read by every table, chart, report and JSON writer.</summary>
public sealed record PlanResult
{
    public required PlanOptions Options { get; init; }

    /// <summary>Every simulated configuration.</summary>
    public required IReadOnlyList<CandidateEvaluation> Candidates { get; init; }

    /// <summary>Splits left out because they break a rule or do not fit, with the reason.</summary>
    public required IReadOnlyList<FitRow> Excluded { get; init; }

    /// <summary>Index of the configuration meeting every SLO with the most goodput per GPU; null when none meets them.</summary>
    public int? Recommended { get; init; }

    /// <summary>Index of the configuration with the lowest light-load median E2E latency.</summary>
    public int? LowestLatency { get; init; }

    /// <summary>Index of the configuration with the most output tokens/s per GPU when saturated.</summary>
    public int? HighestThroughput { get; init; }

    /// <summary>When nothing meets the SLA: candidates ordered by how close they come (worst SLO ratio at light load).</summary>
    public IReadOnlyList<int> Nearest { get; init; } = [];

    public required IReadOnlyList<OperatingPoint> Points { get; init; }

    /// <summary>Indices into <see cref="Points"/> of the frontier of throughput per GPU against tokens/s per user.</summary>
    public required IReadOnlyList<int> InteractivityFrontier { get; init; }

    /// <summary>Indices into <see cref="Points"/> of the frontier of throughput per GPU against p99 TTFT.</summary>
    public required IReadOnlyList<int> TtftFrontier { get; init; }

    public required IReadOnlyList<Explanation> Explanations { get; init; }

    public int SimulatedRuns => Candidates.Sum(c => c.SimulatedRuns);
}

/// <summary>Computed sentences about one highlighted configuration.</summary>
public sealed record Explanation(string Role, int Candidate, IReadOnlyList<string> Sentences);
