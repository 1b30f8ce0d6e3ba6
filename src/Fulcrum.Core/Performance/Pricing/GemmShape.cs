using Fulcrum.Performance.Profiles;

namespace Fulcrum.Performance.Pricing;

/// <summary>
/// One GEMM of a layer on one GPU, with M (tokens) left open: output width N, reduction depth K, the weight bytes
/// it reads and the rates it runs at. Precomputed once per deployment.
/// </summary>
internal readonly struct GemmShape
{
    private readonly double computeSecondsPerRow;
    private readonly double computeSecondsFixed;
    private readonly double secondsPerByte;

    public GemmShape(double n, double k, double weightBytes, double inputBytesPerElement, double outputBytesPerElement, double peakFlopsPerSecond, GemmEfficiency efficiency, double bandwidthBytesPerSecond)
    {
        N = n;
        K = k;
        WeightBytes = weightBytes;
        ActivationBytesPerRow = (k * inputBytesPerElement) + (n * outputBytesPerElement);

        // FLOP time = 2·M·N·K / (peak · max · M / (M + m_half)) = 2·N·K·(M + m_half) / (peak · max),
        // which stays finite at small M and needs no division by M.
        var perRow = 2.0 * n * k / (peakFlopsPerSecond * efficiency.MaxEfficiency);
        computeSecondsPerRow = perRow;
        computeSecondsFixed = perRow * efficiency.HalfEfficiencyTokens;
        secondsPerByte = 1.0 / bandwidthBytesPerSecond;
    }

    public double N { get; }

    public double K { get; }

    public double WeightBytes { get; }

    /// <summary>Activation bytes per row: the input row and the output row.</summary>
    public double ActivationBytesPerRow { get; }

    public double Flops(double rows) => 2.0 * rows * N * K;

    /// <summary>Seconds limited by the matrix units at <paramref name="rows"/> rows.</summary>
    public double ComputeSeconds(double rows) => rows <= 0 ? 0 : computeSecondsFixed + (computeSecondsPerRow * rows);

    /// <summary>Seconds limited by HBM: weights plus activations in and out.</summary>
    public double MemorySeconds(double rows) => rows <= 0 ? 0 : (WeightBytes + (ActivationBytesPerRow * rows)) * secondsPerByte;
}
