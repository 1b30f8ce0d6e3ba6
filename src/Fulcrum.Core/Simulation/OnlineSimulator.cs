using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Simulation;

/// <summary>
/// The simulator driven from outside, one arrival at a time: the same replicas, router, scheduler and step-cost
/// model as <see cref="Simulator.Run"/>, but the caller submits each request when it arrives and advances simulated
/// time itself (a real-time server advances it with the wall clock). Not thread-safe: one thread owns an instance.
/// </summary>
public sealed class OnlineSimulator
{
    /// <summary>Default request slots: requests in flight at once before <see cref="Submit"/> returns -1.</summary>
    public const int DefaultCapacity = 65_536;

    private readonly SimulationRun run;
    private double now;

    /// <summary>Validates the deployment and sizes its KV cache; throws <see cref="Errors.InputException"/> when it is invalid or does not fit.</summary>
    /// <param name="kvCacheBlocks">KV blocks per replica; null takes the capacity from the memory plan.</param>
    public OnlineSimulator(Deployment deployment, IStepCostModel costModel, IOnlineSimulationListener listener, RouterPolicy router = RouterPolicy.RoundRobin, long? kvCacheBlocks = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(costModel);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var blocks = Simulator.PrepareKvBlocks(deployment, costModel, kvCacheBlocks);
        run = new SimulationRun(deployment, costModel, router, blocks, capacity, listener);
        KvBlocksPerReplica = blocks;
    }

    /// <summary>KV-cache blocks of each replica: the given count, or the memory plan's.</summary>
    public long KvBlocksPerReplica { get; }

    /// <summary>Simulated seconds processed so far.</summary>
    public double Now => now;

    /// <summary>Requests submitted and not yet ended.</summary>
    public int Outstanding => run.Outstanding;

    /// <summary>Time of the next pending event, simulated seconds; null when nothing is pending.</summary>
    public double? NextEventSeconds => run.NextEventTime;

    /// <summary>Requests aborted so far.</summary>
    public int AbortedRequests => run.AbortedRequests;

    /// <summary>KV blocks that requests hold now, over all replicas.</summary>
    public long KvBlocksInUse => run.KvBlocksInUse;

    /// <summary>
    /// Submits a request arriving at <see cref="Now"/>; returns its id (reported back to the listener), or -1 when
    /// every slot is in use. A request longer than the model length or the KV cache is rejected at once.
    /// </summary>
    public int Submit(int inputTokens, int outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 1);
        return run.Submit(now, inputTokens, outputTokens);
    }

    /// <summary>
    /// Aborts request <paramref name="requestId"/> at <see cref="Now"/>, as vLLM does when a client disconnects. Safe
    /// in every state. A waiting, prefilling, decoding or preempted request leaves the engine at once: its KV blocks
    /// are freed, it takes no more batch slots, and the listener hears it end as
    /// <see cref="Metrics.RequestOutcome.Aborted"/> before this returns. A request in a pipeline micro-batch ends when
    /// that step leaves the last stage, without sampling a token. Returns false, changing nothing, when the id has no
    /// live request (it ended, or was never used) or is already aborting. The caller must not abort an id after its
    /// end was reported, because the id may then belong to a new request.
    /// </summary>
    public bool Abort(int requestId) => run.Abort(requestId, now);

    /// <summary>Processes every event up to <paramref name="timeSeconds"/> and moves <see cref="Now"/> there; time never goes back.</summary>
    public void AdvanceTo(double timeSeconds)
    {
        if (timeSeconds <= now)
        {
            return;
        }

        run.RunUntil(timeSeconds);
        now = timeSeconds;
    }
}
