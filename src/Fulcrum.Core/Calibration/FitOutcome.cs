namespace Fulcrum.Calibration;

/// <summary>
/// Where an optimizer stopped: the log parameters, whether it converged, and the Jacobian of the weighted row
/// residuals there (rows × parameters) for the identifiability report.
/// </summary>
public sealed record FitOutcome(IReadOnlyList<double> Theta, bool Converged, int Iterations, string Exit, double[,] RowJacobian);
