namespace Fulcrum.Specs.Hardware;

/// <summary>One or more identical nodes of <see cref="GpusPerNode"/> accelerators joined by a scale-out network.</summary>
public sealed record ClusterSpec
{
    public required AcceleratorSpec Accelerator { get; init; }

    public required int GpusPerNode { get; init; }

    public required int NodeCount { get; init; }

    public FabricSpec Fabric => Accelerator.Fabric;

    public NetworkSpec Network => Accelerator.Network;

    public int TotalGpus => GpusPerNode * NodeCount;

    /// <summary>A cluster of <paramref name="gpus"/> accelerators over <paramref name="nodes"/> nodes.</summary>
    /// <param name="gpus">All GPUs; null means every GPU of the nodes.</param>
    public static ClusterSpec Of(AcceleratorSpec accelerator, int? gpus = null, int nodes = 1)
    {
        var perNode = gpus is null ? accelerator.GpusPerNode : (int)Math.Ceiling(gpus.Value / (double)nodes);
        return new ClusterSpec { Accelerator = accelerator, GpusPerNode = perNode, NodeCount = nodes };
    }
}
