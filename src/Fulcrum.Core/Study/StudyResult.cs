namespace Fulcrum.Study;

/// <summary>The one immutable result of a study, read by the report, the CSV and the JSON writers.</summary>
public sealed record StudyResult
{
    /// <summary>The options after normalization: sorted, deduplicated grid lists.</summary>
    public required StudyOptions Options { get; init; }

    /// <summary>One entry per model and weight precision studied.</summary>
    public required IReadOnlyList<ModelStudy> Models { get; init; }

    /// <summary>Simulations run: fitting static points plus online runs.</summary>
    public required int SimulatedRuns { get; init; }
}
