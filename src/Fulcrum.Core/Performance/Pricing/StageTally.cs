namespace Fulcrum.Performance.Pricing;

/// <summary>Running sums of seconds by category and of work while one stage of one step is priced.</summary>
internal struct StageTally
{
    public double GemmComputeSeconds;
    public double GemmMemorySeconds;
    public double AttentionSeconds;
    public double ElementwiseSeconds;
    public double CollectiveSeconds;
    public double OverheadSeconds;

    public double GemmFlops;
    public double AttentionFlops;
    public double WeightBytes;
    public double KvCacheReadBytes;
    public double KvCacheWriteBytes;
    public double ActivationBytes;
    public double AllReduceBytes;
    public int AllReduces;
    public double LogitsGatherBytes;
    public int Kernels;

    /// <summary>GPU time so far: everything but the overhead.</summary>
    public readonly double BusySeconds =>
        GemmComputeSeconds + GemmMemorySeconds + AttentionSeconds + ElementwiseSeconds + CollectiveSeconds;

    /// <summary>Adds <paramref name="count"/> runs of a GEMM over <paramref name="rows"/> rows, filed under the bound that wins.</summary>
    public void AddGemm(in GemmShape gemm, double rows, int count)
    {
        if (rows <= 0 || count == 0)
        {
            return;
        }

        var compute = gemm.ComputeSeconds(rows);
        var memory = gemm.MemorySeconds(rows);
        if (compute >= memory)
        {
            GemmComputeSeconds += compute * count;
        }
        else
        {
            GemmMemorySeconds += memory * count;
        }

        GemmFlops += gemm.Flops(rows) * count;
        WeightBytes += gemm.WeightBytes * count;
        ActivationBytes += gemm.ActivationBytesPerRow * rows * count;
        Kernels += count;
    }

    /// <summary>Adds <paramref name="count"/> memory-bound element-wise passes.</summary>
    public void AddElementwise(double activationBytes, double weightBytes, double secondsPerByte, int count, int kernels)
    {
        ElementwiseSeconds += (activationBytes + weightBytes) * secondsPerByte * count;
        ActivationBytes += activationBytes * count;
        WeightBytes += weightBytes * count;
        Kernels += kernels * count;
    }

    public readonly StepCost ToCost() => new()
    {
        GemmComputeSeconds = GemmComputeSeconds,
        GemmMemorySeconds = GemmMemorySeconds,
        AttentionSeconds = AttentionSeconds,
        ElementwiseSeconds = ElementwiseSeconds,
        CollectiveSeconds = CollectiveSeconds,
        OverheadSeconds = OverheadSeconds,
    };

    public readonly StepWork ToWork() => new()
    {
        GemmFlops = GemmFlops,
        AttentionFlops = AttentionFlops,
        WeightBytes = WeightBytes,
        KvCacheReadBytes = KvCacheReadBytes,
        KvCacheWriteBytes = KvCacheWriteBytes,
        ActivationBytes = ActivationBytes,
        AllReduceBytes = AllReduceBytes,
        AllReduces = AllReduces,
        LogitsGatherBytes = LogitsGatherBytes,
        Kernels = Kernels,
    };
}
