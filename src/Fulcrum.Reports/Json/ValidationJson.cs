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
        IReadOnlyList<GroupJson> ByMetricAndScenario,
        IReadOnlyList<GroupJson> BySource,
        IReadOnlyList<CrossValidationJson> CrossValidation,
        IReadOnlyList<RowJson> Rows,
        IReadOnlyList<RejectedJson> Rejected);

    /// <summary>Error statistics as fractions (0.1 is 10%).</summary>
    public sealed record SummaryJson(string Accelerator, int RowsPriced, double MedianAbsError, double P90AbsError, double MedianSignedError);

    /// <summary>Error statistics of one group; <c>group</c> is its label, such as "MI300X / TTFT / server".</summary>
    public sealed record GroupJson(string Group, int RowsPriced, double MedianAbsError, double P90AbsError, double MedianSignedError);

    /// <summary>Median absolute errors of one accelerator and metric group, as fractions.</summary>
    public sealed record CrossValidationJson(
        string Accelerator,
        string MetricGroup,
        int Rows,
        double? DefaultMedianAbsError,
        double? FittedMedianAbsError,
        double? CrossValidatedMedianAbsError,
        double Target);

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
        string MetricGroup,
        string Statistic,
        double MeasuredValue,
        double? PredictedValue,
        double? RelativeError,
        int? SimulatedRequests,
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
            report.ByMetricAndScenario.Select(Group).ToList(),
            report.BySource.Select(Group).ToList(),
            report.CrossValidation.Select(Figure).ToList(),
            report.Results.Select(r => new RowJson(
                r.Measurement.Id, r.Measurement.Line, r.Accelerator, r.Measurement.SourceUrl, r.Measurement.SourceTitle, r.Configuration,
                r.Measurement.Scenario, r.Measurement.Metric, MetricGroups.Name(r.MetricGroup), r.Measurement.Statistic, r.Measurement.Value,
                r.Predicted, r.RelativeError, r.Case?.Workload.Requests.Count, r.SkipReason, r.Note)).ToList(),
            report.Problems.Select(p => new RejectedJson(p.Line, p.Id, p.Reason)).ToList());
    }

    /// <summary>The JSON of one accelerator's and metric group's errors, also the <c>summaries</c> of a fit record.</summary>
    public static CrossValidationJson Figure(CrossValidationFigure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new CrossValidationJson(
            f.Accelerator, MetricGroups.Name(f.Group), f.Rows, f.DefaultMedianAbsoluteError, f.FittedMedianAbsoluteError, f.CrossValidatedMedianAbsoluteError, MetricGroups.Target(f.Group));
    }

    private static SummaryJson Summary(ErrorSummary s) =>
        new(s.Label, s.Priced, s.MedianAbsoluteError, s.P90AbsoluteError, s.MedianSignedError);

    private static GroupJson Group(ErrorSummary s) =>
        new(s.Label, s.Priced, s.MedianAbsoluteError, s.P90AbsoluteError, s.MedianSignedError);
}
