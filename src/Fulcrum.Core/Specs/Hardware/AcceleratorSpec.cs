using Fulcrum.Specs.Precisions;

namespace Fulcrum.Specs.Hardware;

/// <summary>
/// One accelerator's datasheet figures and the standard node built from it. Peak rates are dense
/// (no structured sparsity). Every figure has a source in <see cref="Sources"/>.
/// </summary>
public sealed record AcceleratorSpec
{
    public required string Name { get; init; }

    public required string FullName { get; init; }

    public required string Vendor { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required long HbmCapacityBytes { get; init; }

    public required double HbmBandwidthBytesPerSecond { get; init; }

    /// <summary>Dense bf16 (and fp16) matrix peak, FLOP/s.</summary>
    public required double PeakBf16FlopsPerSecond { get; init; }

    /// <summary>Dense fp8 matrix peak, FLOP/s; null where the GPU has no fp8 unit (A100).</summary>
    public double? PeakFp8FlopsPerSecond { get; init; }

    /// <summary>Dense int8 matrix peak, OP/s; null when unknown.</summary>
    public double? PeakInt8OpsPerSecond { get; init; }

    public required FabricSpec Fabric { get; init; }

    public required int GpusPerNode { get; init; }

    public required NetworkSpec Network { get; init; }

    public required double PowerWatts { get; init; }

    /// <summary>Source or reasoning for each figure, by JSON field name.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The matrix peak a GEMM with these weights runs at: fp8 weights use the fp8 unit where one exists,
    /// int8 the int8 unit; otherwise (int4, or fp8 on A100) weights are dequantized and run at the bf16 rate.
    /// </summary>
    public double PeakFlopsPerSecond(WeightPrecision weights) => weights switch
    {
        WeightPrecision.Fp8 => PeakFp8FlopsPerSecond ?? PeakBf16FlopsPerSecond,
        WeightPrecision.Int8 => PeakInt8OpsPerSecond ?? PeakBf16FlopsPerSecond,
        _ => PeakBf16FlopsPerSecond,
    };
}
