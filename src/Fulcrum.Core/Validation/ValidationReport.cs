namespace Fulcrum.Validation;

/// <summary>Every row's outcome, the rows the reader rejected, and error statistics per accelerator.</summary>
public sealed record ValidationReport(
    string MeasurementOrigin,
    string Predictor,
    IReadOnlyList<ValidationResult> Results,
    IReadOnlyList<MeasurementProblem> Problems,
    IReadOnlyList<AcceleratorSummary> Summaries)
{
    /// <summary>Statistics over every priced row, whatever the accelerator; null when none was priced.</summary>
    public AcceleratorSummary? Overall { get; init; }
}
