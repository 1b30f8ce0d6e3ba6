namespace Fulcrum.Specs.Deployments;

/// <summary>
/// Serving-engine settings that change memory or scheduling, named as vLLM names its flags.
/// Defaults follow vLLM V1 (0.8 to 0.11) for an online server.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>Fraction of each GPU's memory the engine may use (<c>--gpu-memory-utilization</c>).</summary>
    public double GpuMemoryUtilization { get; init; } = 0.9;

    /// <summary>KV-cache block size in tokens (<c>--block-size</c>).</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>
    /// Memory per GPU outside weights, activations and KV cache: the CUDA or HIP context, NCCL or RCCL
    /// buffers and CUDA-graph pools. Estimate: vLLM logs 1 to 3 GiB of such memory at start-up on
    /// 8-GPU nodes; 2 GiB is the middle of that range.
    /// </summary>
    public long RuntimeReserveBytes { get; init; } = 2L << 30;

    /// <summary>Maximum sequences in one step (<c>--max-num-seqs</c>).</summary>
    public int MaxNumSeqs { get; init; } = 256;

    /// <summary>Token budget of one step (<c>--max-num-batched-tokens</c>).</summary>
    public int MaxNumBatchedTokens { get; init; } = 8192;

    /// <summary>Whether prefills may be split across steps (<c>--enable-chunked-prefill</c>).</summary>
    public bool ChunkedPrefill { get; init; } = true;

    /// <summary>Prompts longer than this count as long prefills (<c>--long-prefill-token-threshold</c>); 0 means off.</summary>
    public int LongPrefillTokenThreshold { get; init; }

    /// <summary>
    /// Maximum prompts longer than <see cref="LongPrefillTokenThreshold"/> being prefilled at once
    /// (<c>--max-long-partial-prefills</c> of vLLM V0); shorter prompts may overtake long ones that wait for a slot.
    /// Null means no limit, as in vLLM V1, which ignores the flag. Has no effect while the threshold is 0.
    /// </summary>
    public int? MaxLongPartialPrefills { get; init; }

    /// <summary>How each step's batch is formed; vLLM V1 continuous batching by default.</summary>
    public BatchingPolicy BatchingPolicy { get; init; } = BatchingPolicy.VllmV1;

    /// <summary>Context limit per request (<c>--max-model-len</c>); null means the model's maximum.</summary>
    public int? MaxModelLength { get; init; }
}
