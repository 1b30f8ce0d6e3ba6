namespace Fulcrum.Simulation;

/// <summary>
/// Paged KV cache of one replica, counted in blocks of <see cref="BlockSize"/> tokens as vLLM allocates them:
/// a request holds ceil(tokens / block size) blocks, grows block by block, and frees them all when it finishes
/// or is preempted. Prefix sharing between requests is not modelled.
/// </summary>
internal sealed class KvBlockManager(long totalBlocks, int blockSize)
{
    public long TotalBlocks { get; } = totalBlocks;

    public int BlockSize { get; } = blockSize;

    public long FreeBlocks { get; private set; } = totalBlocks;

    public long UsedBlocks => TotalBlocks - FreeBlocks;

    public long BlocksFor(long tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>Grows <paramref name="request"/>'s blocks to hold <paramref name="tokens"/> tokens; false, changing nothing, when too few are free.</summary>
    public bool TryAllocate(ref RequestState request, long tokens)
    {
        var needed = BlocksFor(tokens) - request.Blocks;
        if (needed <= 0)
        {
            return true;
        }

        if (needed > FreeBlocks)
        {
            return false;
        }

        FreeBlocks -= needed;
        request.Blocks += (int)needed;
        return true;
    }

    public void Free(ref RequestState request)
    {
        FreeBlocks += request.Blocks;
        request.Blocks = 0;
    }
}
