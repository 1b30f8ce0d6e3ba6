using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study;

/// <summary>One split of the node a model is studied on, with its deployment (engine settings as the study sets them) and memory plan.</summary>
public sealed record StudySplit(Deployment Deployment, MemoryPlan Plan)
{
    public Split Split => new(Deployment.Tp, Deployment.Pp, Deployment.Dp);

    /// <summary>
    /// Most requests of <paramref name="inputTokens"/> + <paramref name="outputTokens"/> tokens the KV caches of all
    /// replicas have room for at once. A request keeps the KV of its prompt and all outputs but the last (which is never fed
    /// back), in whole blocks, as the simulator's static batching reserves it.
    /// </summary>
    public int LargestBatch(int inputTokens, int outputTokens)
    {
        var blockSize = Deployment.Engine.BlockSize;
        var blocksPerRequest = ((long)inputTokens + outputTokens - 1 + blockSize - 1) / blockSize;
        var perReplica = Plan.KvCacheBlocks / Math.Max(1, blocksPerRequest);
        return (int)Math.Min(int.MaxValue, perReplica * Deployment.Dp);
    }
}
