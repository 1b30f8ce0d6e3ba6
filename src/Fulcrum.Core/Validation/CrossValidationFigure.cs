namespace Fulcrum.Validation;

/// <summary>
/// One accelerator's and metric group's error from a fit record: median absolute error of the datasheet defaults,
/// of the fitted profile on its own training data, and cross-validated with folds by source (each source predicted
/// by a profile fitted without it). Fractions; null where the group had no rows.
/// </summary>
public sealed record CrossValidationFigure(
    string Accelerator,
    MetricGroup Group,
    int Rows,
    double? DefaultMedianAbsoluteError,
    double? FittedMedianAbsoluteError,
    double? CrossValidatedMedianAbsoluteError);
