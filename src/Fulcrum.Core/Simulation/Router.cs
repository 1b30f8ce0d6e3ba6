namespace Fulcrum.Simulation;

/// <summary>Picks the replica for each arriving request under a <see cref="RouterPolicy"/>; deterministic, no randomness.</summary>
internal sealed class Router(RouterPolicy policy)
{
    private int next;

    public int Pick(Replica[] replicas)
    {
        if (policy == RouterPolicy.RoundRobin)
        {
            var chosen = next;
            next = (next + 1) % replicas.Length;
            return chosen;
        }

        var best = 0;
        for (var i = 1; i < replicas.Length; i++)
        {
            if (IsBetter(replicas[i].Scheduler, replicas[best].Scheduler))
            {
                best = i;
            }
        }

        return best;
    }

    private bool IsBetter(ReplicaScheduler candidate, ReplicaScheduler incumbent)
    {
        if (policy == RouterPolicy.LeastKvUsage && candidate.Kv.UsedBlocks != incumbent.Kv.UsedBlocks)
        {
            return candidate.Kv.UsedBlocks < incumbent.Kv.UsedBlocks;
        }

        return candidate.Outstanding < incumbent.Outstanding;
    }
}
