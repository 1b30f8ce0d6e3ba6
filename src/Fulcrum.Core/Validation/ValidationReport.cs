namespace Fulcrum.Validation;

/// <summary>Every row's outcome, the rows the reader rejected, and error statistics by group.</summary>
public sealed record ValidationReport(
    string MeasurementOrigin,
    string Predictor,
    IReadOnlyList<ValidationResult> Results,
    IReadOnlyList<MeasurementProblem> Problems,
    IReadOnlyList<ErrorSummary> Summaries)
{
    /// <summary>Statistics over every priced row, whatever the accelerator; null when none was priced.</summary>
    public ErrorSummary? Overall { get; init; }

    /// <summary>Statistics by accelerator, metric group and scenario, labelled "accelerator / group / scenario".</summary>
    public IReadOnlyList<ErrorSummary> ByMetricAndScenario { get; init; } = [];

    /// <summary>Statistics by accelerator and source, labelled "accelerator / source title".</summary>
    public IReadOnlyList<ErrorSummary> BySource { get; init; } = [];

    /// <summary>Cross-validated errors of the fitted profiles, from their fit records; empty when none is known.</summary>
    public IReadOnlyList<CrossValidationFigure> CrossValidation { get; init; } = [];
}
