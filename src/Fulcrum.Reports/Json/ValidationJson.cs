using Fulcrum.Validation;

namespace Fulcrum.Reports.Json;

/// <summary>JSON shape of <c>fulcrum validate</c> (docs/validation.json; schema in docs/JSON.md).</summary>
public static class ValidationJson
{
    public sealed record ValidationDocument(
        string MeasurementFile,
        string Predictor,
        IReadOnlyList<SummaryJson> Summaries,
        SummaryJson? Overall,
        IReadOnlyList<RowJson> Rows,
        IReadOnlyList<RejectedJson> Rejected);

    /// <summary>Error statistics as fractions (0.1 is 10%).</summary>
    public sealed record SummaryJson(string Accelerator, int RowsPriced, double MedianAbsError, double P90AbsError, double MedianSignedError);

    /// <summary>One row; <c>measured_value</c> and <c>predicted_value</c> are in the unit <c>metric</c> names.</summary>
    public sealed record RowJson(
        string Id,
        int Line,
        string? Accelerator,
        string SourceUrl,
        string SourceTitle,
        string Configuration,
        string Scenario,
        string Metric,
        string Statistic,
        double MeasuredValue,
        double? PredictedValue,
        double? RelativeError,
        string? SkipReason,
        string? Note);

    public sealed record RejectedJson(int Line, string? Id, string Reason);

    public static ValidationDocument From(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ValidationDocument(
            report.MeasurementOrigin,
            report.Predictor,
            report.Summaries.Select(Summary).ToList(),
            report.Overall is { } overall ? Summary(overall) : null,
            report.Results.Select(r => new RowJson(
                r.Measurement.Id, r.Measurement.Line, r.Accelerator, r.Measurement.SourceUrl, r.Measurement.SourceTitle, r.Configuration,
                r.Measurement.Scenario, r.Measurement.Metric, r.Measurement.Statistic, r.Measurement.Value, r.Predicted, r.RelativeError, r.SkipReason, r.Note)).ToList(),
            report.Problems.Select(p => new RejectedJson(p.Line, p.Id, p.Reason)).ToList());
    }

    private static SummaryJson Summary(AcceleratorSummary s) =>
        new(s.Accelerator, s.Priced, s.MedianAbsoluteError, s.P90AbsoluteError, s.MedianSignedError);
}
