using Fulcrum.Specs.Deployments;

namespace Fulcrum.Memory;

/// <summary>Per-GPU memory of a deployment and the KV-cache capacity it leaves; the stage with the least room decides.</summary>
public sealed record MemoryPlan
{
    public required Deployment Deployment { get; init; }

    public required IReadOnlyList<StageMemory> Stages { get; init; }

    /// <summary>The stage whose KV cache holds the fewest tokens.</summary>
    public StageMemory Limiting => Stages.OrderBy(s => s.KvCacheTokens).ThenBy(s => s.KvCacheBytes).First();

    /// <summary>KV blocks per replica: the limiting stage's tokens in whole blocks.</summary>
    public long KvCacheBlocks => Limiting.KvCacheTokens / Deployment.Engine.BlockSize;

    /// <summary>KV-cache capacity per replica in tokens, rounded down to whole blocks.</summary>
    public long KvCacheTokens => KvCacheBlocks * Deployment.Engine.BlockSize;

    /// <summary>Sequences of max-model-len tokens the cache holds at once.</summary>
    public long MaxConcurrentSequences => MaxSequencesAt(Deployment.MaxModelLength);

    /// <summary>Whether weights, activations and reserve fit and the cache holds at least one max-model-len sequence, as vLLM requires to start.</summary>
    public bool Fits => FailureReason is null;

    /// <summary>Why the deployment does not fit, or null when it does.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Sequences of <paramref name="contextTokens"/> each that fit in the cache at once, counting whole blocks.</summary>
    public long MaxSequencesAt(int contextTokens)
    {
        var blockSize = Deployment.Engine.BlockSize;
        var blocksPerSequence = (contextTokens + blockSize - 1) / blockSize;
        return blocksPerSequence == 0 ? 0 : KvCacheBlocks / blocksPerSequence;
    }
}
