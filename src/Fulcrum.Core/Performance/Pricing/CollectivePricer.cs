using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Performance.Pricing;

/// <summary>
/// Prices TP collectives and pipeline sends of one deployment. Each algorithm costs a latency per step (hop) plus
/// its bytes over the bandwidth one GPU can use. An all-reduce takes the cheapest of one-shot, two-shot and ring,
/// because NCCL, RCCL and vLLM's custom all-reduce pick the algorithm by message size. Inside a node the bandwidth follows
/// the fabric (a switch gives the full per-GPU figure to any group, a full mesh only TP − 1 links); a TP group
/// that spans nodes reduces inside each node and across nodes over the NIC.
/// </summary>
internal sealed class CollectivePricer
{
    private readonly int tp;
    private readonly int gpusPerNode;
    private readonly int nodes;
    private readonly double hop;
    private readonly double networkHop;
    private readonly double groupBandwidth;
    private readonly double nodeBandwidth;
    private readonly double nicBandwidth;
    private readonly double pairBandwidth;

    public CollectivePricer(Deployment deployment, HardwareProfile profile)
    {
        var fabric = deployment.Cluster.Fabric;
        var fraction = profile.CollectiveBandwidthFraction;
        tp = deployment.Tp;
        gpusPerNode = deployment.Cluster.GpusPerNode;
        nodes = deployment.TpSpansNodes ? tp / gpusPerNode : 1;
        hop = profile.CollectiveHopLatencySeconds;
        networkHop = hop + deployment.Cluster.Network.LatencySeconds;
        groupBandwidth = fabric.GroupBandwidthBytesPerSecond(Math.Min(tp, gpusPerNode)) * fraction;
        nodeBandwidth = fabric.GroupBandwidthBytesPerSecond(gpusPerNode) * fraction;
        nicBandwidth = deployment.Cluster.Network.NicBandwidthBytesPerSecond * fraction;
        pairBandwidth = fabric.PairBandwidthBytesPerSecond * fraction;
    }

    /// <summary>All-reduce of <paramref name="bytes"/> per GPU across the TP group; 0 without TP.</summary>
    public double AllReduceSeconds(double bytes)
    {
        if (tp == 1 || bytes <= 0)
        {
            return 0;
        }

        if (nodes > 1)
        {
            // Reduce-scatter inside each node, all-reduce the 1/g slice across nodes by ring, all-gather inside.
            var slice = bytes / gpusPerNode;
            var inside = 2 * (hop + (bytes * (gpusPerNode - 1) / gpusPerNode / nodeBandwidth));
            var across = 2 * (nodes - 1) * (networkHop + (slice / nodes / nicBandwidth));
            return inside + across;
        }

        // One-shot: every GPU reads the whole buffer of each peer and reduces locally, in one step.
        var oneShot = hop + (bytes * (tp - 1) / groupBandwidth);

        // Two-shot: reduce-scatter then all-gather, each moving (tp − 1)/tp of the buffer.
        var share = bytes * (tp - 1) / tp;
        var twoShot = (2 * hop) + (2 * share / groupBandwidth);

        // Ring: the same bytes as two-shot in 2·(tp − 1) steps.
        var ring = (2 * (tp - 1) * hop) + (2 * share / groupBandwidth);
        return Math.Min(oneShot, Math.Min(twoShot, ring));
    }

    /// <summary>All-gather whose result is <paramref name="totalBytes"/> on every GPU (each GPU starts with 1/TP of it).</summary>
    public double AllGatherSeconds(double totalBytes)
    {
        if (tp == 1 || totalBytes <= 0)
        {
            return 0;
        }

        if (nodes > 1)
        {
            var inside = hop + (totalBytes / nodes * (gpusPerNode - 1) / gpusPerNode / nodeBandwidth);
            var across = (nodes - 1) * (networkHop + (totalBytes / nodes / nicBandwidth));
            return inside + across;
        }

        return hop + (totalBytes * (tp - 1) / tp / groupBandwidth);
    }

    /// <summary>Send of <paramref name="bytes"/> from each GPU to its peer in the next stage, over the fabric or the network.</summary>
    public double PointToPointSeconds(double bytes, bool crossesNodes)
    {
        if (bytes <= 0)
        {
            return 0;
        }

        return crossesNodes ? networkHop + (bytes / nicBandwidth) : hop + (bytes / pairBandwidth);
    }
}
