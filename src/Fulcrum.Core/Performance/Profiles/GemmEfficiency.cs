namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Fraction of the matrix peak a GEMM with M rows (tokens) reaches: eff(M) = max × M / (M + m_half).
/// Small-M GEMMs fill few rows of each matrix-unit tile, so they reach only a small fraction of the peak;
/// large-M GEMMs approach the best-shape figure <see cref="MaxEfficiency"/>.
/// </summary>
/// <param name="MaxEfficiency">Efficiency of a large, well-shaped GEMM, in (0, 1].</param>
/// <param name="HalfEfficiencyTokens">Token count M at which the efficiency is half of <paramref name="MaxEfficiency"/>.</param>
public readonly record struct GemmEfficiency(double MaxEfficiency, double HalfEfficiencyTokens)
{
    /// <summary>Efficiency at <paramref name="tokens"/> rows; 0 for no rows.</summary>
    public double At(double tokens) => tokens <= 0 ? 0 : MaxEfficiency * tokens / (tokens + HalfEfficiencyTokens);
}
