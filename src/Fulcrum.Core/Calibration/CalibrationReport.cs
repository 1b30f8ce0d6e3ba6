using Fulcrum.Performance.Profiles;
using Fulcrum.Validation;

namespace Fulcrum.Calibration;

/// <summary>Everything a calibration found: the fitted profile, the parameters, every row's errors and the cross-validation.</summary>
public sealed record CalibrationReport
{
    public required string Accelerator { get; init; }

    /// <summary>The profile the fit started from and regularized toward.</summary>
    public required HardwareProfile Prior { get; init; }

    /// <summary>The fitted profile; equal to <see cref="Prior"/> in the fitted values' place when the fit did not converge.</summary>
    public required HardwareProfile Fitted { get; init; }

    public required bool Converged { get; init; }

    public required int Iterations { get; init; }

    /// <summary>Why the optimizer stopped, in its own words.</summary>
    public required string Exit { get; init; }

    /// <summary>Measurement files and result files read.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    public required CalibrationWeights Weights { get; init; }

    public required IReadOnlyList<ParameterEstimate> Parameters { get; init; }

    public required IReadOnlyList<RowFit> Rows { get; init; }

    public required IReadOnlyList<UnusedRow> Unused { get; init; }

    /// <summary>Cross-validation folds; empty when it was not run (fewer than two sources).</summary>
    public required IReadOnlyList<FoldResult> Folds { get; init; }

    /// <summary>Errors by metric group: datasheet defaults, fitted, cross-validated.</summary>
    public required IReadOnlyList<CrossValidationFigure> Figures { get; init; }

    public ErrorSummary? Before => ErrorSummary.Of("before", Rows.Select(r => r.ErrorBefore));

    public ErrorSummary? After => ErrorSummary.Of("after", Rows.Where(r => r.ErrorAfter is not null).Select(r => r.ErrorAfter!.Value));

    public ErrorSummary? CrossValidated => ErrorSummary.Of("cross-validated", Rows.Where(r => r.ErrorCrossValidated is not null).Select(r => r.ErrorCrossValidated!.Value));

    /// <summary>
    /// Whether the fitted profile predicts held-out sources better than the starting profile predicts all rows:
    /// the cross-validated median absolute error is below the starting one. False without cross-validation.
    /// </summary>
    public bool GeneralizesBetter => Converged && CrossValidated is { } cv && Before is { } before && cv.MedianAbsoluteError < before.MedianAbsoluteError;
}
