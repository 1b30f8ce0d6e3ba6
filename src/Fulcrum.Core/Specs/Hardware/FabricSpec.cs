namespace Fulcrum.Specs.Hardware;

/// <summary>Scale-up fabric inside a node. Bandwidths are per direction.</summary>
public sealed record FabricSpec
{
    public required FabricTopology Topology { get; init; }

    public required int LinksPerGpu { get; init; }

    /// <summary>One link's bandwidth per direction, bytes/s.</summary>
    public required double LinkBandwidthBytesPerSecond { get; init; }

    /// <summary>All of a GPU's fabric bandwidth per direction, bytes/s.</summary>
    public required double GpuBandwidthBytesPerSecond { get; init; }

    /// <summary>Per-message latency of one hop, seconds.</summary>
    public required double LatencySeconds { get; init; }

    /// <summary>
    /// Bandwidth per direction one GPU can use when talking to a group of <paramref name="groupSize"/> GPUs
    /// in this node: the full per-GPU figure on a switch, (groupSize − 1) links on a full mesh.
    /// </summary>
    public double GroupBandwidthBytesPerSecond(int groupSize)
    {
        if (groupSize <= 1)
        {
            return GpuBandwidthBytesPerSecond;
        }

        return Topology switch
        {
            FabricTopology.Switch => GpuBandwidthBytesPerSecond,
            _ => Math.Min(GpuBandwidthBytesPerSecond, (groupSize - 1) * LinkBandwidthBytesPerSecond),
        };
    }

    /// <summary>Bandwidth per direction between one pair of GPUs.</summary>
    public double PairBandwidthBytesPerSecond =>
        Topology == FabricTopology.Switch ? GpuBandwidthBytesPerSecond : LinkBandwidthBytesPerSecond;
}
