using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Simulation;

/// <summary>
/// The online mode of a run: requests are submitted one at a time as they arrive, events are processed up to a
/// given time, and each sampled token and each ending is reported to a listener. Request ids are slots of a fixed
/// table, reused once a request has ended, so a long-running server uses constant memory for request state.
/// </summary>
internal sealed partial class SimulationRun
{
    private readonly Stack<int>? freeIds;
    private readonly IOnlineSimulationListener? listener;
    private int abortedRequests;

    public SimulationRun(Deployment deployment, IStepCostModel costModel, RouterPolicy routerPolicy, long kvBlocksPerReplica, int capacity, IOnlineSimulationListener listener)
        : this(deployment, costModel, routerPolicy, kvBlocksPerReplica, capacity, maxConcurrency: null, recordTimeline: false)
    {
        this.listener = listener;
        freeIds = new Stack<int>(capacity);
        for (var id = capacity - 1; id >= 0; id--)
        {
            freeIds.Push(id);
        }
    }

    /// <summary>Requests submitted and not yet ended.</summary>
    public int Outstanding => outstanding;

    /// <summary>Time of the earliest pending event; null when the engine is idle.</summary>
    public double? NextEventTime => events.TryPeek(out var e) ? e.Time : null;

    /// <summary>Requests aborted so far.</summary>
    public int AbortedRequests => abortedRequests;

    /// <summary>KV blocks held by requests, over all replicas.</summary>
    public long KvBlocksInUse => replicas.Sum(r => r.Scheduler.Kv.UsedBlocks);

    /// <summary>
    /// Sends a request arriving at <paramref name="now"/>; returns its id, or -1 when every slot is taken. The
    /// listener may hear of its rejection before this returns.
    /// </summary>
    public int Submit(double now, int inputTokens, int outputTokens)
    {
        if (freeIds is null)
        {
            throw new InvalidOperationException("Submit needs a run created in online mode.");
        }

        if (!freeIds.TryPop(out var id))
        {
            return -1;
        }

        requests[id] = new RequestState
        {
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            Replica = -1,
            Scheduled = now,
            Arrival = double.NaN,
            Start = double.NaN,
            FirstToken = double.NaN,
            LastToken = double.NaN,
            End = double.NaN,
        };
        Send(id, now);
        return id;
    }

    /// <summary>
    /// Aborts request <paramref name="id"/> at <paramref name="now"/>, as vLLM does when a client disconnects: a
    /// waiting or running request leaves its replica at once, with its KV blocks freed and its end reported. A
    /// request in a micro-batch still in the pipeline keeps its blocks until that step completes, because a later
    /// stage still writes them, and ends then without sampling. Returns false when the id has no live request or
    /// is already aborting.
    /// </summary>
    public bool Abort(int id, double now)
    {
        if (freeIds is null)
        {
            throw new InvalidOperationException("Abort needs a run created in online mode.");
        }

        if ((uint)id >= (uint)requests.Length)
        {
            return false;
        }

        ref var r = ref requests[id];
        if (r.Phase is RequestPhase.Pending or RequestPhase.Finished || r.Aborting)
        {
            return false;
        }

        if (r.InFlight)
        {
            r.Aborting = true;
            return true;
        }

        var replica = replicas[r.Replica];
        var queued = double.IsNaN(r.Start);
        replica.Scheduler.Remove(id);
        if (queued)
        {
            ChangeQueueLength(now, -1);
        }

        r.Phase = RequestPhase.Finished;
        r.Outcome = RequestOutcome.Aborted;
        r.End = now;
        RecordKvUsage(now);
        OnRequestDone(now);
        NotifyEnded(id, now);

        // The freed blocks and sequence slot may let a waiting request in.
        Wake(replica, Math.Max(now, replica.FirstStageFreeAt));
        return true;
    }

    /// <summary>Processes every event at or before <paramref name="time"/>, in event order.</summary>
    public void RunUntil(double time)
    {
        while (events.TryPeek(out var next) && next.Time <= time)
        {
            events.TryNext(out var e);
            Handle(e);
        }
    }

    /// <summary>Reports the tokens a finished step sampled: a request sampled one exactly when its last token time is now.</summary>
    private void NotifyTokens(MicroBatch batch, double now)
    {
        if (listener is null)
        {
            return;
        }

        for (var k = 0; k < batch.Count; k++)
        {
            ref var r = ref requests[batch.RequestAt(k)];
            if (r.LastToken == now)
            {
                listener.OnToken(batch.RequestAt(k), r.Generated, now);
            }
        }
    }

    private void NotifyEnded(int id, double now)
    {
        if (listener is null)
        {
            return;
        }

        if (requests[id].Outcome == RequestOutcome.Aborted)
        {
            abortedRequests++;
        }

        listener.OnEnded(id, requests[id].Outcome, now);
        freeIds!.Push(id);
    }
}
