using Fulcrum.Calibration;
using Fulcrum.Reports.Json;
using Fulcrum.Validation;

namespace Fulcrum.Reports.Calibration;

/// <summary>
/// JSON shape of a fit record (<c>fulcrum calibrate --json</c>, data/profiles/fits/*.json; schema in docs/JSON.md).
/// <c>summaries</c> is also what <c>fulcrum validate</c> reads back for its cross-validated figures.
/// </summary>
public static class CalibrationJson
{
    public sealed record Document(
        int SchemaVersion,
        string Accelerator,
        bool Converged,
        int Iterations,
        string Exit,
        bool GeneralizesBetter,
        string PriorProfile,
        IReadOnlyList<string> Inputs,
        WeightsJson Weights,
        IReadOnlyList<ValidationJson.CrossValidationJson> Summaries,
        OverallJson Overall,
        IReadOnlyList<ParameterJson> Parameters,
        IReadOnlyList<FoldJson> Folds,
        IReadOnlyList<RowJson> Rows,
        IReadOnlyList<UnusedJson> Unused);

    public sealed record WeightsJson(double RowWidth, int RowsPerSource);

    public sealed record OverallJson(ErrorJson? Before, ErrorJson? After, ErrorJson? CrossValidated);

    public sealed record ErrorJson(int Rows, double MedianAbsError, double P90AbsError, double MedianSignedError);

    /// <summary>A parameter in the profile file's units; widths are standard deviations of its natural logarithm.</summary>
    public sealed record ParameterJson(
        string Key,
        string Unit,
        double Default,
        double Fitted,
        double Lower,
        double Upper,
        bool AtBound,
        double PriorWidth,
        double? PosteriorWidth,
        double Sensitivity,
        string Status);

    public sealed record FoldJson(int Fold, IReadOnlyList<string> HeldOutSources, int TrainingRows, int HeldOutRows, bool Converged, int Iterations, string Exit);

    public sealed record RowJson(
        string Id,
        int Line,
        string SourceTitle,
        string SourceUrl,
        string Configuration,
        string Scenario,
        string Metric,
        string Statistic,
        double MeasuredValue,
        double Before,
        double? After,
        double? CrossValidated,
        int? Fold,
        bool Replayed);

    public sealed record UnusedJson(string Origin, int Line, string Id, string Reason);

    public static Document From(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Document(
            1,
            report.Accelerator,
            report.Converged,
            report.Iterations,
            report.Exit,
            report.GeneralizesBetter,
            report.Prior.Origin,
            report.Inputs,
            new WeightsJson(report.Weights.RowWidth, report.Weights.RowsPerSource),
            report.Figures.Select(ValidationJson.Figure).ToList(),
            new OverallJson(Error(report.Before), Error(report.After), Error(report.CrossValidated)),
            report.Parameters.Select(p => new ParameterJson(
                p.Key, p.Unit, p.Default, p.Fitted, p.Lower, p.Upper, p.AtBound, p.PriorWidth, p.PosteriorWidth, p.Sensitivity, Status(p.Status))).ToList(),
            report.Folds.Select(f => new FoldJson(f.Fold, f.HeldOutSources, f.TrainingRows, f.HeldOutRows, f.Converged, f.Iterations, f.Exit)).ToList(),
            report.Rows.Select(r => new RowJson(
                r.Measurement.Id, r.Measurement.Line, r.Measurement.SourceTitle, r.Measurement.SourceUrl, r.Configuration, r.Measurement.Scenario,
                r.Measurement.Metric, r.Measurement.Statistic, r.Measurement.Value, r.Before, r.After, r.CrossValidated, r.Fold, r.Replayed)).ToList(),
            report.Unused.Select(u => new UnusedJson(u.Origin, u.Line, u.Id, u.Reason)).ToList());
    }

    /// <summary>The status word the JSON and Markdown use, such as "not_pinned".</summary>
    public static string Status(Identifiability status) => status switch
    {
        Identifiability.Pinned => "pinned",
        Identifiability.Weak => "weak",
        _ => "not_pinned",
    };

    private static ErrorJson? Error(ErrorSummary? s) =>
        s is null ? null : new ErrorJson(s.Priced, s.MedianAbsoluteError, s.P90AbsoluteError, s.MedianSignedError);
}
