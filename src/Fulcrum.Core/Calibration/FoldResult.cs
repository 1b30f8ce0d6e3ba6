namespace Fulcrum.Calibration;

/// <summary>One cross-validation fold: the sources held out, and how the fit on the other folds ended.</summary>
public sealed record FoldResult(int Fold, IReadOnlyList<string> HeldOutSources, int TrainingRows, int HeldOutRows, bool Converged, int Iterations, string Exit);
