using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Fulcrum.Calibration.Fitting;

/// <summary>
/// Minimizes a <see cref="CalibrationProblem"/> with MathNet.Numerics' bounded Levenberg–Marquardt minimizer. The
/// Jacobian is taken by forward differences of <see cref="Step"/> in the log parameters (a 0.1% change), stepping
/// backwards at an upper bound.
/// </summary>
/// <param name="maxIterations">Most Levenberg–Marquardt iterations before the fit counts as not converged.</param>
public sealed class ProfileFitter(int maxIterations = 100)
{
    /// <summary>Finite-difference step in log parameters.</summary>
    public const double Step = 1e-3;

    /// <summary>Stop when a step would move the log parameters by less than about this much (0.0001%).</summary>
    public const double StepTolerance = 1e-6;

    /// <summary>
    /// Stop when the largest gradient component of ½‖r‖² by the (bound-transformed) log parameters falls below this:
    /// a 0.1% change of any parameter would then change the sum of squares by less than 1e-8.
    /// </summary>
    public const double GradientTolerance = 1e-5;

    public int MaxIterations { get; } = maxIterations >= 1
        ? maxIterations
        : throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "A fit needs at least one iteration.");

    public FitOutcome Fit(CalibrationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var count = problem.ResidualCount;
        var cache = new ResidualCache(problem);
        var model = ObjectiveFunction.NonlinearModel(
            (p, _) => Vector<double>.Build.DenseOfArray(cache.At(p.ToArray())),
            (p, _) => Matrix<double>.Build.DenseOfArray(Jacobian(problem, cache, p.ToArray())),
            Vector<double>.Build.Dense(count, i => i),
            Vector<double>.Build.Dense(count),
            null);
        var minimizer = new LevenbergMarquardtMinimizer(gradientTolerance: GradientTolerance, stepTolerance: StepTolerance, functionTolerance: 1e-12, maximumIterations: MaxIterations);
        var result = minimizer.FindMinimum(model, problem.Start.ToArray(), problem.Lower.ToArray(), problem.Upper.ToArray());
        var theta = result.MinimizingPoint.ToArray();
        var converged = result.ReasonForExit is ExitCondition.RelativeGradient or ExitCondition.RelativePoints or ExitCondition.Converged
            && theta.All(double.IsFinite);
        var full = Jacobian(problem, cache, theta);
        var rows = new double[problem.Rows.Count, theta.Length];
        for (var j = 0; j < problem.Rows.Count; j++)
        {
            for (var i = 0; i < theta.Length; i++)
            {
                rows[j, i] = full[j, i];
            }
        }

        return new FitOutcome(theta, converged, result.Iterations, Describe(result.ReasonForExit), rows);
    }

    /// <summary>∂r/∂θ for every residual, by forward differences.</summary>
    public static double[,] Jacobian(CalibrationProblem problem, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Jacobian(problem, new ResidualCache(problem), theta);
    }

    private static double[,] Jacobian(CalibrationProblem problem, ResidualCache cache, double[] theta)
    {
        var at = cache.At(theta);
        var jacobian = new double[at.Length, theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var h = theta[i] + Step <= problem.Upper[i] ? Step : -Step;
            var moved = (double[])theta.Clone();
            moved[i] += h;
            var shifted = problem.Residuals(moved);
            for (var j = 0; j < at.Length; j++)
            {
                jacobian[j, i] = (shifted[j] - at[j]) / h;
            }
        }

        return jacobian;
    }

    private static string Describe(ExitCondition exit) => exit switch
    {
        ExitCondition.RelativeGradient => "gradient below tolerance",
        ExitCondition.RelativePoints => "step below tolerance",
        ExitCondition.Converged => "residuals below tolerance",
        ExitCondition.ExceedIterations => "iteration limit reached",
        ExitCondition.InvalidValues => "the residuals became invalid (NaN)",
        _ => exit.ToString(),
    };

    /// <summary>Remembers the last evaluation, because the minimizer requests the residuals and then the Jacobian at the same point.</summary>
    private sealed class ResidualCache(CalibrationProblem problem)
    {
        private double[]? theta;
        private double[]? residuals;

        public double[] At(double[] point)
        {
            if (theta is null || !theta.AsSpan().SequenceEqual(point))
            {
                residuals = problem.Residuals(point);
                theta = (double[])point.Clone();
            }

            return residuals!;
        }
    }
}
