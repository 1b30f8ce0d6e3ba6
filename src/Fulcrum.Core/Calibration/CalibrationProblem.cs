using Fulcrum.Performance.Profiles;

namespace Fulcrum.Calibration;

/// <summary>
/// Regularized least squares over log parameters θ: residuals w_j · log(predicted_j(θ) / measured_j) for every row,
/// passed through the robust loss of <see cref="CalibrationWeights"/>, then (θ_i − θ0_i) / σ_i for every parameter,
/// a Gaussian prior around the starting (datasheet-derived) profile.
/// An optimizer minimizes the sum of their squares within the parameters' bounds.
/// </summary>
public sealed class CalibrationProblem
{
    /// <summary>Log error given to a row the model cannot price at some θ, so the optimizer backs away from it.</summary>
    public const double UnpricedResidual = 10.0;

    private readonly double[] rowScale;

    public CalibrationProblem(HardwareProfile prior, IReadOnlyList<ProfileParameter> parameters, IReadOnlyList<CalibrationRow> rows, CalibrationWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rows);
        Prior = prior;
        Parameters = parameters;
        Rows = rows;
        Weights = weights ?? new CalibrationWeights();
        PriorCentre = ProfileParameters.ToLog(prior, parameters);
        Lower = parameters.Select(p => Math.Log(p.Lower)).ToArray();
        Upper = parameters.Select(p => Math.Log(p.Upper)).ToArray();
        Start = PriorCentre.Select((t, i) => Math.Clamp(t, Lower[i], Upper[i])).ToArray();
        var perSource = rows.GroupBy(r => r.Measurement.Source).ToDictionary(g => g.Key, g => g.Count());
        rowScale = rows.Select(r => Weights.RowScale(perSource[r.Measurement.Source])).ToArray();
    }

    public HardwareProfile Prior { get; }

    public IReadOnlyList<ProfileParameter> Parameters { get; }

    public IReadOnlyList<CalibrationRow> Rows { get; }

    public CalibrationWeights Weights { get; }

    /// <summary>log of each parameter in the prior profile.</summary>
    public IReadOnlyList<double> PriorCentre { get; }

    /// <summary>Where a fit starts: the prior centre, clamped into the bounds.</summary>
    public IReadOnlyList<double> Start { get; }

    public IReadOnlyList<double> Lower { get; }

    public IReadOnlyList<double> Upper { get; }

    /// <summary>Rows plus one prior term per parameter.</summary>
    public int ResidualCount => Rows.Count + Parameters.Count;

    /// <summary>The multiplier of row <paramref name="row"/>'s log error (see <see cref="CalibrationWeights"/>).</summary>
    public double RowScale(int row) => rowScale[row];

    public HardwareProfile ProfileAt(ReadOnlySpan<double> theta) => ProfileParameters.Apply(Prior, Parameters, theta);

    /// <summary>Predicted value of every row under θ, computed in parallel; NaN where a row cannot be priced.</summary>
    public double[] Predict(ReadOnlySpan<double> theta)
    {
        var profile = ProfileAt(theta);
        var predictions = new double[Rows.Count];
        Parallel.For(0, Rows.Count, j => predictions[j] = Rows[j].Predict(profile));
        return predictions;
    }

    /// <summary>The residual vector at θ (see the class summary).</summary>
    public double[] Residuals(ReadOnlySpan<double> theta)
    {
        var predictions = Predict(theta);
        var residuals = new double[ResidualCount];
        for (var j = 0; j < Rows.Count; j++)
        {
            var p = predictions[j];
            var scaled = p > 0 && double.IsFinite(p)
                ? rowScale[j] * Math.Log(p / Rows[j].Measurement.Value)
                : rowScale[j] * UnpricedResidual;
            residuals[j] = Weights.Loss(scaled);
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            residuals[Rows.Count + i] = (theta[i] - PriorCentre[i]) / Parameters[i].PriorWidth;
        }

        return residuals;
    }
}
