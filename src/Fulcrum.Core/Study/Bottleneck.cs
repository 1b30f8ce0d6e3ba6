namespace Fulcrum.Study;

/// <summary>
/// Where a run's GPU time goes, with the step-cost categories grouped by the phase of the step they occur in, so
/// the largest group names the bottleneck. Times are stage-seconds summed over pipeline stages and replicas.
/// </summary>
public enum Bottleneck
{
    /// <summary>GEMMs limited by the matrix units, and attention, in steps that contain prompt tokens.</summary>
    PrefillCompute,

    /// <summary>GEMMs limited by the matrix units in decode-only steps, as at large batches.</summary>
    DecodeCompute,

    /// <summary>HBM-bound kernels of every step: GEMM weight reads, decode attention over the KV cache, element-wise kernels.</summary>
    MemoryBandwidth,

    /// <summary>TP all-reduces and logits gathers.</summary>
    Collectives,

    /// <summary>Time pipeline stages sit idle while a step is in another stage or its activations are in transit between stages.</summary>
    PipelineBubbles,

    /// <summary>CPU scheduling, input preparation and kernel launches the GPU does not hide.</summary>
    StepOverhead,
}

/// <summary>Names of <see cref="Bottleneck"/> values as reports write them.</summary>
public static class Bottlenecks
{
    public static IReadOnlyList<Bottleneck> All { get; } = Enum.GetValues<Bottleneck>();

    public static string Name(this Bottleneck bottleneck) => bottleneck switch
    {
        Bottleneck.PrefillCompute => "prefill compute",
        Bottleneck.DecodeCompute => "decode compute",
        Bottleneck.MemoryBandwidth => "memory bandwidth",
        Bottleneck.Collectives => "collectives",
        Bottleneck.PipelineBubbles => "pipeline bubbles",
        Bottleneck.StepOverhead => "step overhead",
        _ => throw new ArgumentOutOfRangeException(nameof(bottleneck), bottleneck, null),
    };
}
