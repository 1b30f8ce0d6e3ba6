namespace Fulcrum.Performance;

/// <summary>
/// Time of one engine step on one pipeline stage, seconds, by category. The categories add up to
/// <see cref="TotalSeconds"/>. A value type so the simulator can price millions of steps without allocating.
/// </summary>
public readonly record struct StepCost
{
    /// <summary>GEMMs limited by the matrix units.</summary>
    public double GemmComputeSeconds { get; init; }

    /// <summary>GEMMs limited by HBM bandwidth (weight reads at small token counts).</summary>
    public double GemmMemorySeconds { get; init; }

    public double AttentionSeconds { get; init; }

    /// <summary>Norms, rotary embedding, activation, embedding lookup, sampling: memory-bound element-wise kernels.</summary>
    public double ElementwiseSeconds { get; init; }

    /// <summary>TP all-reduces and the logits gather.</summary>
    public double CollectiveSeconds { get; init; }

    /// <summary>Sending activations to the next pipeline stage.</summary>
    public double PointToPointSeconds { get; init; }

    /// <summary>Scheduler, input preparation and kernel launches.</summary>
    public double OverheadSeconds { get; init; }

    public double TotalSeconds =>
        GemmComputeSeconds + GemmMemorySeconds + AttentionSeconds + ElementwiseSeconds + CollectiveSeconds + PointToPointSeconds + OverheadSeconds;

    /// <summary>The bound that takes the largest share of the step.</summary>
    public Bound DominantBound
    {
        get
        {
            var compute = GemmComputeSeconds;
            var memory = GemmMemorySeconds + AttentionSeconds + ElementwiseSeconds;
            var communication = CollectiveSeconds + PointToPointSeconds;
            var overhead = OverheadSeconds;
            var max = Math.Max(Math.Max(compute, memory), Math.Max(communication, overhead));
            return max == compute ? Bound.Compute : max == memory ? Bound.MemoryBandwidth : max == communication ? Bound.Communication : Bound.Overhead;
        }
    }

    public static StepCost operator +(StepCost a, StepCost b) => new()
    {
        GemmComputeSeconds = a.GemmComputeSeconds + b.GemmComputeSeconds,
        GemmMemorySeconds = a.GemmMemorySeconds + b.GemmMemorySeconds,
        AttentionSeconds = a.AttentionSeconds + b.AttentionSeconds,
        ElementwiseSeconds = a.ElementwiseSeconds + b.ElementwiseSeconds,
        CollectiveSeconds = a.CollectiveSeconds + b.CollectiveSeconds,
        PointToPointSeconds = a.PointToPointSeconds + b.PointToPointSeconds,
        OverheadSeconds = a.OverheadSeconds + b.OverheadSeconds,
    };

    public StepCost Scale(double factor) => new()
    {
        GemmComputeSeconds = GemmComputeSeconds * factor,
        GemmMemorySeconds = GemmMemorySeconds * factor,
        AttentionSeconds = AttentionSeconds * factor,
        ElementwiseSeconds = ElementwiseSeconds * factor,
        CollectiveSeconds = CollectiveSeconds * factor,
        PointToPointSeconds = PointToPointSeconds * factor,
        OverheadSeconds = OverheadSeconds * factor,
    };
}
