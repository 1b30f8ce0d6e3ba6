namespace Fulcrum.Simulation;

/// <summary>How arriving requests are spread over DP replicas. Ties go to the lowest replica index.</summary>
public enum RouterPolicy
{
    /// <summary>Replicas in turn.</summary>
    RoundRobin,

    /// <summary>The replica holding the fewest requests, waiting plus running.</summary>
    LeastRequests,

    /// <summary>The replica with the fewest KV blocks in use, then the fewest requests.</summary>
    LeastKvUsage,
}
