namespace Fulcrum.Performance;

/// <summary>
/// FLOPs, HBM bytes and communication of one engine step on one GPU of one pipeline stage: the quantities the
/// times in <see cref="StepCost"/> are computed from, so they can be checked by hand without any efficiency.
/// </summary>
public readonly record struct StepWork
{
    /// <summary>Matrix FLOPs of the linear layers and the LM head: 2 · M · N · K per GEMM.</summary>
    public double GemmFlops { get; init; }

    /// <summary>Attention FLOPs: 4 · head_dim · query heads per GPU per attended (query, key) pair, per layer.</summary>
    public double AttentionFlops { get; init; }

    /// <summary>Weight bytes read: linear layers with their biases, norms, LM head, and the embedding rows looked up.</summary>
    public double WeightBytes { get; init; }

    /// <summary>KV-cache bytes read by attention.</summary>
    public double KvCacheReadBytes { get; init; }

    /// <summary>KV-cache bytes written for the step's new tokens.</summary>
    public double KvCacheWriteBytes { get; init; }

    /// <summary>Activation bytes read and written by GEMMs, attention (queries and outputs) and element-wise kernels.</summary>
    public double ActivationBytes { get; init; }

    /// <summary>Payload of all TP all-reduces: tokens · hidden · 2 bytes each.</summary>
    public double AllReduceBytes { get; init; }

    /// <summary>Number of TP all-reduces: two per layer, one more after the embedding on the first stage.</summary>
    public int AllReduces { get; init; }

    /// <summary>Bytes of the logits all-gathered across the TP group on the last stage.</summary>
    public double LogitsGatherBytes { get; init; }

    /// <summary>GPU kernels launched, not counting collectives.</summary>
    public int Kernels { get; init; }

    /// <summary>All HBM traffic: weights, KV cache and activations.</summary>
    public double HbmBytes => WeightBytes + KvCacheReadBytes + KvCacheWriteBytes + ActivationBytes;
}
