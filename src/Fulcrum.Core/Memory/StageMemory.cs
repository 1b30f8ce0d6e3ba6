namespace Fulcrum.Memory;

/// <summary>Memory of one GPU of one pipeline stage, bytes unless named otherwise.</summary>
public sealed record StageMemory
{
    public required int Stage { get; init; }

    public required int Layers { get; init; }

    /// <summary>HBM capacity × GPU memory utilization.</summary>
    public required long UsableBytes { get; init; }

    public required long WeightsBytes { get; init; }

    /// <summary>Peak activations of the largest step (max-num-batched-tokens), plus logits on the last stage.</summary>
    public required long ActivationBytes { get; init; }

    public required long ReserveBytes { get; init; }

    /// <summary>What is left for the KV cache; negative when the rest does not fit.</summary>
    public long KvCacheBytes => UsableBytes - WeightsBytes - ActivationBytes - ReserveBytes;

    /// <summary>KV cache per token on this GPU: 2 × layers × KV heads per GPU × head_dim × bytes.</summary>
    public required long KvBytesPerToken { get; init; }

    /// <summary>Tokens this stage's KV cache can hold.</summary>
    public long KvCacheTokens => KvCacheBytes <= 0 ? 0 : KvCacheBytes / KvBytesPerToken;
}
