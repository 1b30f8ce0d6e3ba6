using Fulcrum.Validation;

namespace Fulcrum.Calibration;

/// <summary>
/// One fitted row: the measured value and the predictions of the starting profile, the fitted profile and the
/// profile fitted without the row's source (cross-validation), all in the measurement's unit.
/// </summary>
public sealed record RowFit
{
    public required Measurement Measurement { get; init; }

    public required string Configuration { get; init; }

    public required double Before { get; init; }

    /// <summary>The simulator's prediction under the fitted profile; null when it could not price the row.</summary>
    public double? After { get; init; }

    /// <summary>Prediction of the profile fitted to the other folds; null without cross-validation.</summary>
    public double? CrossValidated { get; init; }

    /// <summary>Cross-validation fold of the row's source; null without cross-validation.</summary>
    public int? Fold { get; init; }

    /// <summary>Whether the fit re-priced a recorded schedule (true) or simulated the row in full (false).</summary>
    public bool Replayed { get; init; }

    public double ErrorBefore => (Before - Measurement.Value) / Measurement.Value;

    public double? ErrorAfter => After is { } a ? (a - Measurement.Value) / Measurement.Value : null;

    public double? ErrorCrossValidated => CrossValidated is { } c ? (c - Measurement.Value) / Measurement.Value : null;
}
