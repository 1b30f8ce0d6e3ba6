using Fulcrum.Memory;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Performance.Pricing;

/// <summary>
/// Per-GPU sizes and rates of one transformer layer and of the stage extras (embedding, final norm, LM head),
/// computed once per deployment so that pricing a step is arithmetic on a few aggregates.
/// </summary>
internal sealed class LayerShapes
{
    /// <summary>Activations, embeddings, norms and logits are bf16: 2 bytes.</summary>
    public const double ActivationBytes = 2;

    public LayerShapes(Deployment d, HardwareProfile profile)
    {
        var m = d.Model;
        var accelerator = d.Accelerator;
        double h = m.HiddenSize;
        double headDim = m.HeadDim;
        var q = m.QueryDim / (double)d.Tp;
        var kv = d.KvHeadsPerGpu * headDim;
        var ffn = m.IntermediateSize / (double)d.Tp;
        var eightBit = HardwareProfile.UsesEightBitUnit(d.Weights, accelerator);
        var weightBytes = d.Weights.BytesPerElement();
        var inputBytes = eightBit ? 1.0 : ActivationBytes;
        var peak = accelerator.PeakFlopsPerSecond(d.Weights);
        var curve = profile.GemmFor(d.Weights, accelerator);
        var hbm = accelerator.HbmBandwidthBytesPerSecond;
        var gemmBandwidth = hbm * profile.HbmBandwidthFraction;

        GemmShape Linear(double n, double k, double biasElements) =>
            new(n, k, (n * k * weightBytes) + (biasElements * ActivationBytes), inputBytes, ActivationBytes, peak, curve, gemmBandwidth);

        Qkv = Linear(q + (2 * kv), h, m.AttentionBias ? q + (2 * kv) : 0);
        Output = Linear(h, q, 0);
        GateUp = Linear(2 * ffn, h, m.MlpBias ? 2 * ffn : 0);
        Down = Linear(h, ffn, m.MlpBias ? h : 0);

        // The LM head stays bf16 in fp8, int8 and int4 checkpoints, so it runs on the bf16 path.
        LmHead = new GemmShape(m.VocabSize / (double)d.Tp, h, m.VocabSize / (double)d.Tp * h * ActivationBytes, ActivationBytes, ActivationBytes,
            accelerator.PeakBf16FlopsPerSecond, profile.GemmBf16, gemmBandwidth);

        AttentionFlopsPerPair = 4.0 * headDim * (m.NumAttentionHeads / (double)d.Tp);
        KvBytesPerTokenPerLayer = MemoryPlanner.KvBytesPerTokenPerGpu(d, 1);
        QueryOutputBytesPerToken = 2 * q * ActivationBytes;
        AttentionComputeSecondsPerFlop = 1.0 / (accelerator.PeakBf16FlopsPerSecond * profile.PrefillAttentionEfficiency);
        DecodeSecondsPerByte = 1.0 / (hbm * profile.DecodeAttentionBandwidthEfficiency);
        PrefillSecondsPerByte = 1.0 / gemmBandwidth;
        ElementwiseSecondsPerByte = 1.0 / (hbm * profile.ElementwiseBandwidthEfficiency);

        // Element-wise activation traffic per token of one layer. Two fused residual-add RMSNorms read x and the
        // residual and write both; rotary reads and writes Q and K; the KV-cache write reads K and V (its write
        // counts as KV-cache traffic); SiLU(gate)·up reads 2·ffn and writes ffn.
        var elementwise = (2 * 4 * h * ActivationBytes) + (2 * (q + kv) * ActivationBytes) + (2 * kv * ActivationBytes) + (3 * ffn * ActivationBytes);
        var kernels = 5;
        if (eightBit)
        {
            // Each 8-bit GEMM input is quantized first: read bf16, write one byte per element.
            elementwise += (h + q + h + ffn) * (ActivationBytes + 1);
            kernels += 4;
        }

        LayerElementwiseBytesPerToken = elementwise;
        LayerNormWeightBytes = m.Parameters.NormsPerLayer * ActivationBytes;
        LayerElementwiseKernels = kernels;
        HiddenBytesPerToken = h * ActivationBytes;
        FinalNormWeightBytes = h * ActivationBytes;
        VocabSize = m.VocabSize;
    }

    public GemmShape Qkv { get; }

    public GemmShape Output { get; }

    public GemmShape GateUp { get; }

    public GemmShape Down { get; }

    public GemmShape LmHead { get; }

    public double AttentionFlopsPerPair { get; }

    public double KvBytesPerTokenPerLayer { get; }

    /// <summary>Query read and attention output written, per token.</summary>
    public double QueryOutputBytesPerToken { get; }

    public double AttentionComputeSecondsPerFlop { get; }

    public double DecodeSecondsPerByte { get; }

    public double PrefillSecondsPerByte { get; }

    public double ElementwiseSecondsPerByte { get; }

    public double LayerElementwiseBytesPerToken { get; }

    public double LayerNormWeightBytes { get; }

    /// <summary>Element-wise kernels of one layer: two norms, rotary, KV-cache write, activation, and four quantizations on the 8-bit path.</summary>
    public int LayerElementwiseKernels { get; }

    /// <summary>One hidden-state row: hidden × 2 bytes.</summary>
    public double HiddenBytesPerToken { get; }

    public double FinalNormWeightBytes { get; }

    public int VocabSize { get; }
}
