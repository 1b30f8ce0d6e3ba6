using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Achieved efficiencies, latencies and overheads of one accelerator and its software stack, which the
/// datasheet peaks in <see cref="AcceleratorSpec"/> leave out. Read from <c>data/profiles/*.json</c>
/// (format and the reasoning behind each default in data/profiles/README.md) or a user file.
/// Times are seconds, fractions are in (0, 1].
/// </summary>
public sealed record HardwareProfile
{
    /// <summary>Profile name, such as "MI300X" or "generic-amd".</summary>
    public required string Name { get; init; }

    /// <summary>Where the profile was read from: an embedded resource name or a file path.</summary>
    public required string Origin { get; init; }

    /// <summary>Whether this is a vendor-generic profile used because the accelerator has none of its own.</summary>
    public bool IsGeneric { get; init; }

    /// <summary>Data format version of the file.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>One-line description of the hardware and software the profile describes; null when the file has none.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Catalog name of the accelerator the profile was made for (the file's <c>accelerator</c> field, inherited from
    /// <c>base</c>); null when the file does not state one.
    /// </summary>
    public string? Accelerator { get; init; }

    /// <summary>
    /// How the values were fitted, by field name of the file's <c>calibration</c> object (method, inputs, rows,
    /// errors); empty for profiles that were not fitted.
    /// </summary>
    public IReadOnlyDictionary<string, string> Calibration { get; init; } = new Dictionary<string, string>();

    /// <summary>GEMM efficiency on the bf16 (and fp16) matrix path, also used where weights are dequantized to bf16.</summary>
    public required GemmEfficiency GemmBf16 { get; init; }

    /// <summary>GEMM efficiency on the 8-bit matrix path (fp8, and int8 where the accelerator has the unit).</summary>
    public required GemmEfficiency GemmFp8 { get; init; }

    /// <summary>Fraction of the HBM peak that GEMM weight and activation streams reach.</summary>
    public required double HbmBandwidthFraction { get; init; }

    /// <summary>Fraction of the bf16 matrix peak that prefill (flash) attention reaches.</summary>
    public required double PrefillAttentionEfficiency { get; init; }

    /// <summary>Fraction of the HBM peak that decode (paged) attention reaches while reading the KV cache.</summary>
    public required double DecodeAttentionBandwidthEfficiency { get; init; }

    /// <summary>Fraction of the HBM peak that element-wise kernels (norms, rotary, activation, quantization) reach.</summary>
    public required double ElementwiseBandwidthEfficiency { get; init; }

    /// <summary>Fraction of the fabric or NIC bandwidth that collectives and point-to-point sends reach.</summary>
    public required double CollectiveBandwidthFraction { get; init; }

    /// <summary>
    /// Time of one step of a collective inside a node, seconds: synchronization, the communication kernel and the
    /// link latency together. Used in place of the datasheet fabric latency; across nodes the network latency is added.
    /// </summary>
    public required double CollectiveHopLatencySeconds { get; init; }

    /// <summary>Fixed GPU time per kernel when the step replays a CUDA or HIP graph (launch gap, ramp-up and tail).</summary>
    public required double KernelGraphOverheadSeconds { get; init; }

    /// <summary>CPU time to launch one kernel without graphs; it overlaps GPU work and costs time only when the GPU waits.</summary>
    public required double KernelEagerLaunchSeconds { get; init; }

    /// <summary>Largest decode-only step, in tokens, that runs as a captured graph.</summary>
    public required int GraphMaxTokens { get; init; }

    /// <summary>Fixed CPU time per step: scheduling and input preparation.</summary>
    public required double CpuStepFixedSeconds { get; init; }

    /// <summary>CPU time per sequence in the step: per-request bookkeeping in the scheduler and input preparation.</summary>
    public required double CpuPerSequenceSeconds { get; init; }

    /// <summary>Fixed time of the sampling kernels per step that samples at least one token.</summary>
    public required double SamplingFixedSeconds { get; init; }

    /// <summary>HBM bytes moved per logit by sampling (fp32 conversion, softmax, top-k/top-p and draw passes).</summary>
    public required double SamplingBytesPerLogit { get; init; }

    /// <summary>Source or reasoning for each parameter group, by JSON field name.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The GEMM efficiency curve for weights of <paramref name="weights"/> on <paramref name="accelerator"/>: the
    /// 8-bit curve where the GEMM runs on an 8-bit matrix unit, else the bf16 curve (bf16, fp16, int4, and fp8 or
    /// int8 weights dequantized on accelerators without that unit).
    /// </summary>
    public GemmEfficiency GemmFor(WeightPrecision weights, AcceleratorSpec accelerator) =>
        UsesEightBitUnit(weights, accelerator) ? GemmFp8 : GemmBf16;

    /// <summary>Whether GEMMs with these weights run on an 8-bit matrix unit, with activations quantized to 8 bits.</summary>
    public static bool UsesEightBitUnit(WeightPrecision weights, AcceleratorSpec accelerator) => weights switch
    {
        WeightPrecision.Fp8 => accelerator.PeakFp8FlopsPerSecond is not null,
        WeightPrecision.Int8 => accelerator.PeakInt8OpsPerSecond is not null,
        _ => false,
    };
}
