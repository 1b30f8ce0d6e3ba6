using Fulcrum.Memory;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Study;

/// <summary>The study of one model at one weight precision: its splits, the static-batch grid, the online curves and the findings.</summary>
public sealed record ModelStudy
{
    public required ModelArchitecture Model { get; init; }

    public required WeightPrecision Weights { get; init; }

    public required KvCachePrecision KvCache { get; init; }

    /// <summary>Splits that fit, in the order of <see cref="StudyGrid.Splits"/>.</summary>
    public required IReadOnlyList<StudySplit> Splits { get; init; }

    /// <summary>Splits left out because they break a rule or do not fit, with the reason.</summary>
    public required IReadOnlyList<FitRow> Excluded { get; init; }

    public required StudyGrid Grid { get; init; }

    /// <summary>One curve per split and online workload, splits in grid order within each workload.</summary>
    public required IReadOnlyList<OnlineCurve> Online { get; init; }

    /// <summary>Request rates run for each online workload, by workload name, ascending.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<double>> OnlineRates { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Name in reports, such as "Llama-3.1-405B fp8".</summary>
    public string Name => $"{Model.Name} {Weights.Name()}";
}
