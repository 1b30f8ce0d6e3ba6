using Fulcrum.Calibration;
using Fulcrum.Calibration.Fitting;

namespace Fulcrum.Tests.Calibration;

public class ProfileFitterTests
{
    /// <summary>
    /// The parameters the synthetic rows excite (fp8 GEMMs, weight streams, all-reduce latency, per-step CPU time),
    /// with a prior so wide (a factor of e³ at one standard deviation) that the fit is led by the data alone.
    /// </summary>
    private static readonly List<ProfileParameter> Excited =
        ProfileParameters.Select(["gemm.fp8.max_efficiency", "hbm_bandwidth_fraction", "collective.hop_latency_us", "cpu.step_fixed_us"])
            .Select(p => p with { PriorWidth = 3.0 }).ToList();

    /// <summary>The true profile the measurements are generated from: every excited value 20% to 60% away from the datasheet.</summary>
    private static readonly Fulcrum.Performance.Profiles.HardwareProfile Truth = SyntheticRows.Prior with
    {
        GemmFp8 = SyntheticRows.Prior.GemmFp8 with { MaxEfficiency = 0.55 },
        HbmBandwidthFraction = 0.62,
        CollectiveHopLatencySeconds = 12e-6,
        CpuStepFixedSeconds = 250e-6,
    };

    private static readonly Lazy<List<CalibrationRow>> Noisy = new(() => SyntheticRows.Generate(Truth, noise: 0.02, seed: 7));

    [Fact]
    public void Fit_RecoversKnownParameters()
    {
        // Plain least squares with a weak prior, so the 2% noise is all that keeps the fit from the truth.
        var weights = new CalibrationWeights(RowWidth: 0.02, RowsPerSource: 100, Robust: false);
        var problem = new CalibrationProblem(SyntheticRows.Prior, Excited, Noisy.Value, weights);
        var outcome = new ProfileFitter().Fit(problem);
        Assert.True(outcome.Converged, outcome.Exit);

        // Each value lies within three posterior widths of the truth. The step overhead is the loosest: TP1 rows
        // separate it from the all-reduce latency, but it shares every decode step with the weight reads.
        var truth = ProfileParameters.ToLog(Truth, Excited);
        var estimates = ParameterDiagnostics.Estimate(problem, outcome);
        for (var i = 0; i < Excited.Count; i++)
        {
            var width = estimates[i].PosteriorWidth!.Value;
            Assert.True(Math.Abs(outcome.Theta[i] - truth[i]) < 3 * width, $"{Excited[i].Key}: fitted {estimates[i].Fitted}, true {Excited[i].JsonValue(Truth)}, width {width}");
        }

        // The best-determined values land within 5% of the truth.
        Assert.All(estimates.Where(e => e.Key is "gemm.fp8.max_efficiency" or "hbm_bandwidth_fraction"), e => Assert.True(e.PosteriorWidth < 0.05, $"{e.Key}: {e.PosteriorWidth}"));
        var fitted = problem.ProfileAt(outcome.Theta.ToArray());
        Assert.Equal(0.55, fitted.GemmFp8.MaxEfficiency, 0.55 * 0.05);
        Assert.Equal(0.62, fitted.HbmBandwidthFraction, 0.62 * 0.05);
    }

    [Fact]
    public void Fit_ReducesErrorAndFlagsUnexcitedParameters()
    {
        // All parameters with the default weights: the rows never run bf16 GEMMs, so both bf16 values stay at
        // their prior and are reported as not pinned down.
        var problem = new CalibrationProblem(SyntheticRows.Prior, ProfileParameters.All, Noisy.Value);
        var outcome = new ProfileFitter().Fit(problem);
        Assert.True(outcome.Converged, outcome.Exit);

        double SumOfSquares(IReadOnlyList<double> theta) => problem.Residuals(theta.ToArray()).Take(problem.Rows.Count).Sum(r => r * r);
        // The default prior keeps the values partway between the datasheet and the truth, so the loss drops fourfold or
        // more rather than to the noise floor.
        Assert.True(SumOfSquares(outcome.Theta) < 0.25 * SumOfSquares(problem.Start), $"{SumOfSquares(outcome.Theta)} vs {SumOfSquares(problem.Start)}; {string.Join(", ", ParameterDiagnostics.Estimate(problem, outcome).Select(p => $"{p.Key} {p.Fitted:G3}"))}");

        var estimates = ParameterDiagnostics.Estimate(problem, outcome);
        var bf16 = estimates.Single(p => p.Key == "gemm.bf16.max_efficiency");
        Assert.Equal(Identifiability.NotPinned, bf16.Status);
        Assert.Equal(0, bf16.Sensitivity, 1e-9);
        Assert.Equal(SyntheticRows.Prior.GemmBf16.MaxEfficiency, bf16.Fitted, 1e-3);
        Assert.NotEqual(Identifiability.NotPinned, estimates.Single(p => p.Key == "hbm_bandwidth_fraction").Status);
    }

    [Fact]
    public void Fit_StaysWithinBounds()
    {
        // Runs three times faster than the datasheet profile predicts push the efficiencies to their upper bounds.
        var rows = SyntheticRows.Generate(SyntheticRows.Prior, noise: 0, seed: 1, speedup: 3);
        var problem = new CalibrationProblem(SyntheticRows.Prior, Excited, rows, new CalibrationWeights(Robust: false));
        var outcome = new ProfileFitter().Fit(problem);
        var estimates = ParameterDiagnostics.Estimate(problem, outcome);
        for (var i = 0; i < outcome.Theta.Count; i++)
        {
            Assert.InRange(outcome.Theta[i], problem.Lower[i] - 1e-9, problem.Upper[i] + 1e-9);
        }

        Assert.Contains(estimates, p => p.AtBound);
    }

    [Fact]
    public void OneIteration_DoesNotConverge()
    {
        var problem = new CalibrationProblem(SyntheticRows.Prior, Excited, Noisy.Value);
        var outcome = new ProfileFitter(maxIterations: 1).Fit(problem);
        Assert.False(outcome.Converged);
        Assert.Equal("iteration limit reached", outcome.Exit);
    }

    [Fact]
    public void RobustLoss_GrowsLinearlyBeyondOneWidth()
    {
        var weights = new CalibrationWeights();

        // soft-L1: 2(√(1 + r²) − 1) is r² for small r and about 2|r| for large r.
        Assert.Equal(0.01, weights.Loss(0.1) * weights.Loss(0.1), 1e-4);
        Assert.Equal((2 * (Math.Sqrt(1 + 100) - 1)), weights.Loss(10) * weights.Loss(10), 1e-9);
        Assert.Equal(-weights.Loss(3), weights.Loss(-3), 1e-12);
        Assert.Equal(10, (weights with { Robust = false }).Loss(10));
    }

    [Fact]
    public void SourceScale_CapsRowsPerSource()
    {
        // A source of 40 rows counts as 10: each row's residual is scaled by √(10/40) = 0.5 before the 0.15 width.
        var weights = new CalibrationWeights();
        Assert.Equal(0.5 / 0.15, weights.RowScale(40), 1e-12);
        Assert.Equal(1 / 0.15, weights.RowScale(3), 1e-12);
    }
}
