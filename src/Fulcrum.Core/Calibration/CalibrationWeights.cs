namespace Fulcrum.Calibration;

/// <summary>
/// How much each measurement counts in a fit. A row's residual is log(predicted / measured) divided by
/// <see cref="RowWidth"/>, the scatter expected between one engine version's measurement and the model; a source
/// with more than <see cref="RowsPerSource"/> rows has each row scaled by sqrt(RowsPerSource / rows), so a long
/// table from one publication counts as much as that many rows and no more. With <see cref="Robust"/>, a row's
/// scaled residual r enters the sum of squares as the soft-L1 loss 2(√(1 + r²) − 1): quadratic up to about one
/// row width, then linear, so a source the model cannot represent (another engine's scheduler, a typo in the
/// table) cannot drag the whole profile.
/// </summary>
/// <param name="RowWidth">
/// Standard deviation of log(predicted / measured) for one row: 0.15 by default, about half of the 30% that one
/// vendor page moved between software revisions for the same configuration.
/// </param>
/// <param name="RowsPerSource">Rows of one source that count at full weight; 10 by default.</param>
/// <param name="Robust">Whether rows use the soft-L1 loss instead of plain squares; true by default.</param>
public sealed record CalibrationWeights(double RowWidth = 0.15, int RowsPerSource = 10, bool Robust = true)
{
    /// <summary>The residual whose square is the row's loss: r itself, or sign(r)·√(2(√(1 + r²) − 1)) when robust.</summary>
    public double Loss(double scaledResidual) =>
        Robust ? Math.Sign(scaledResidual) * Math.Sqrt(2 * (Math.Sqrt(1 + (scaledResidual * scaledResidual)) - 1)) : scaledResidual;

    /// <summary>Multiplier of each row's log error, by the number of rows its source has in the fit.</summary>
    public double RowScale(int rowsOfSource) =>
        Math.Sqrt(Math.Min(1.0, RowsPerSource / (double)Math.Max(1, rowsOfSource))) / RowWidth;
}
