namespace Fulcrum.Calibration;

/// <summary>
/// A fitted parameter in the units of the profile file: the default it started from, the fitted value, its bounds,
/// the prior and posterior widths (standard deviations of the log value) and how sensitive the rows are to it.
/// </summary>
/// <param name="Sensitivity">Norm of the weighted rows' derivatives by the log value: 0 when no row depends on it.</param>
/// <param name="PosteriorWidth">Square root of the diagonal of the inverse of JᵀJ plus the prior precision; null when that matrix is singular.</param>
public sealed record ParameterEstimate(
    string Key,
    string Unit,
    double Default,
    double Fitted,
    double Lower,
    double Upper,
    double PriorWidth,
    double? PosteriorWidth,
    double Sensitivity,
    Identifiability Status,
    string PriorReason)
{
    /// <summary>Whether the fitted value sits within 0.1% of a bound.</summary>
    public bool AtBound => Math.Abs(Math.Log(Fitted / Lower)) < 1e-3 || Math.Abs(Math.Log(Fitted / Upper)) < 1e-3;
}
