using MathNet.Numerics.LinearAlgebra;

namespace Fulcrum.Calibration.Fitting;

/// <summary>
/// Which parameters the measurements pin down. With J the Jacobian of the weighted row residuals by the log
/// parameters and P the diagonal prior precision (1 / width²), the Gauss–Newton posterior covariance is
/// (JᵀJ + P)⁻¹; a parameter whose posterior width stays near its prior width was set by the prior, not the data.
/// </summary>
public static class ParameterDiagnostics
{
    /// <summary>Posterior width below this fraction of the prior width counts as pinned.</summary>
    public const double PinnedRatio = 0.5;

    /// <summary>Posterior width above this fraction of the prior width counts as not pinned.</summary>
    public const double NotPinnedRatio = 0.8;

    public static IReadOnlyList<ParameterEstimate> Estimate(CalibrationProblem problem, FitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(outcome);
        var parameters = problem.Parameters;
        var j = Matrix<double>.Build.DenseOfArray(outcome.RowJacobian);
        var information = j.TransposeThisAndMultiply(j);
        for (var i = 0; i < parameters.Count; i++)
        {
            information[i, i] += 1.0 / (parameters[i].PriorWidth * parameters[i].PriorWidth);
        }

        Matrix<double>? covariance = information.Determinant() is var det && double.IsFinite(det) && det > 0 ? information.Inverse() : null;
        var fitted = problem.ProfileAt(outcome.Theta.ToArray());
        var result = new List<ParameterEstimate>();
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            double? posterior = covariance is not null && covariance[i, i] > 0 ? Math.Sqrt(covariance[i, i]) : null;
            var ratio = posterior / p.PriorWidth ?? 1.0;
            var status = Identifiability.NotPinned;
            if (ratio < PinnedRatio)
            {
                status = Identifiability.Pinned;
            }
            else if (ratio <= NotPinnedRatio)
            {
                status = Identifiability.Weak;
            }
            result.Add(new ParameterEstimate(
                p.Key, p.Unit, p.JsonValue(problem.Prior), p.JsonValue(fitted), p.Lower * p.JsonScale, p.Upper * p.JsonScale,
                p.PriorWidth, posterior, j.Column(i).L2Norm(), status, p.PriorReason));
        }

        return result;
    }
}
