using Fulcrum.Metrics;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Simulation;

/// <summary>
/// The state and event loop of one simulation. Time is a double of simulated seconds that only events advance.
/// Nothing here reads the wall clock or draws random numbers, so the same inputs give the same results.
/// </summary>
internal sealed partial class SimulationRun
{
    private readonly RequestState[] requests;
    private readonly Replica[] replicas;
    private readonly Router router;
    private readonly EventQueue events = new();
    private readonly TokenLog tokens = new();
    private readonly List<int> finished = [];
    private readonly TimeWeightedSeries kvUsage = new();
    private readonly List<StageSpan>? timeline;
    private readonly int maxModelLength;
    private readonly int? maxConcurrency;
    private readonly long totalBlocks;
    private int outstanding;
    private int blocked = -1;
    private int rejectedTooLong;
    private int rejectedOverKv;
    private int queueLength;
    private int maxQueueLength;
    private double queueIntegral;
    private double queueChangedAt;

    public SimulationRun(SimulationConfig config, long kvBlocksPerReplica)
        : this(config.Deployment, config.CostModel, config.Router, kvBlocksPerReplica, config.Workload.Requests.Count, config.Workload.MaxConcurrency, config.RecordTimeline)
    {
        var workload = config.Workload.Requests;
        for (var i = 0; i < workload.Count; i++)
        {
            requests[i] = new RequestState
            {
                InputTokens = workload[i].InputTokens,
                OutputTokens = workload[i].OutputTokens,
                Replica = -1,
                Scheduled = workload[i].ArrivalSeconds,
                Arrival = double.NaN,
                Start = double.NaN,
                FirstToken = double.NaN,
                LastToken = double.NaN,
                End = double.NaN,
            };
        }

    }

    /// <summary>Sets up the replicas and router with room for <paramref name="capacity"/> request states.</summary>
    private SimulationRun(Deployment deployment, IStepCostModel costModel, RouterPolicy routerPolicy, long kvBlocksPerReplica, int capacity, int? maxConcurrency, bool recordTimeline)
    {
        var engine = deployment.Engine;
        requests = new RequestState[capacity];
        replicas = new Replica[deployment.Dp];
        for (var i = 0; i < replicas.Length; i++)
        {
            var scheduler = new ReplicaScheduler(requests, engine, new KvBlockManager(kvBlocksPerReplica, engine.BlockSize));
            replicas[i] = new Replica(i, scheduler, costModel, engine.MaxNumSeqs);
        }

        router = new Router(routerPolicy);
        maxModelLength = deployment.MaxModelLength;
        this.maxConcurrency = maxConcurrency;
        totalBlocks = kvBlocksPerReplica * replicas.Length;
        timeline = recordTimeline ? [] : null;
    }

    /// <summary>Processes events until none are left; every request then is completed or rejected.</summary>
    public void Run()
    {
        if (requests.Length > 0)
        {
            events.Post(requests[0].Scheduled, EventKind.Arrival, 0);
        }

        while (events.TryNext(out var e))
        {
            Handle(e);
        }

        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i].Phase != RequestPhase.Finished)
            {
                throw new InvalidOperationException($"Simulation ended with request {i} unfinished in phase {requests[i].Phase}; the scheduler stalled.");
            }
        }
    }

    private void Handle(SimulationEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.StepDone:
                OnStepDone(replicas[e.Id], e.Time);
                break;
            case EventKind.Arrival:
                OnArrival(e.Id, e.Time);
                break;
            case EventKind.Schedule:
                OnSchedule(replicas[e.Id], e.Time);
                break;
        }
    }

    private void OnArrival(int id, double now)
    {
        if (maxConcurrency is { } cap && outstanding >= cap)
        {
            blocked = id;
            return;
        }

        Send(id, now);
        PostArrival(id + 1, now);
    }

    private void PostArrival(int id, double now)
    {
        if (id < requests.Length)
        {
            events.Post(Math.Max(now, requests[id].Scheduled), EventKind.Arrival, id);
        }
    }

    /// <summary>Delivers request <paramref name="id"/> to the server: rejected on the spot, or routed to a replica's queue.</summary>
    private void Send(int id, double now)
    {
        ref var r = ref requests[id];
        outstanding++;
        r.Arrival = now;

        // vLLM's API server rejects prompt + max_tokens over max-model-len. A request whose KV cache cannot fit
        // in an empty replica could never run, so it is rejected too.
        var tooLong = r.InputTokens + r.OutputTokens > maxModelLength;
        var neverFits = replicas[0].Scheduler.Kv.BlocksFor(r.PeakKvTokens) > replicas[0].Scheduler.Kv.TotalBlocks;
        if (tooLong || neverFits)
        {
            rejectedTooLong += tooLong ? 1 : 0;
            rejectedOverKv += tooLong ? 0 : 1;
            r.Phase = RequestPhase.Finished;
            r.Outcome = RequestOutcome.Rejected;
            r.End = now;
            OnRequestDone(now);
            NotifyEnded(id, now);
            return;
        }

        var replica = replicas[router.Pick(replicas)];
        r.Replica = replica.Index;
        replica.Scheduler.Enqueue(id);
        ChangeQueueLength(now, +1);
        Wake(replica, Math.Max(now, replica.FirstStageFreeAt));
    }

    /// <summary>Frees the request's client slot and sends the request the cap held back, if any.</summary>
    private void OnRequestDone(double now)
    {
        outstanding--;
        if (blocked >= 0)
        {
            var id = blocked;
            blocked = -1;
            Send(id, now);
            PostArrival(id + 1, now);
        }
    }

    private void OnSchedule(Replica replica, double now)
    {
        if (now >= replica.PendingWake)
        {
            replica.PendingWake = double.PositiveInfinity;
        }

        if (!replica.CanDispatch(now))
        {
            return;
        }

        var preemptionsBefore = replica.Scheduler.Preemptions;
        var batch = replica.Dispatch(now, timeline);
        if (batch is null)
        {
            // A request that preempted itself leaves an empty step; vLLM's engine loop schedules again at once.
            if (replica.InFlightCount == 0 && replica.Scheduler.Preemptions > preemptionsBefore)
            {
                Wake(replica, now);
            }

            return;
        }

        ChangeQueueLength(now, -batch.FirstAdmissions);
        events.Post(batch.CompletionTime, EventKind.StepDone, replica.Index);
        if (replica.InFlightCount < replica.Stages)
        {
            Wake(replica, replica.FirstStageFreeAt);
        }

        RecordKvUsage(now);
    }

    private void OnStepDone(Replica replica, double now)
    {
        var batch = replica.TakeCompleted(now);
        finished.Clear();
        replica.Scheduler.Complete(batch, now, tokens, finished);
        NotifyTokens(batch, now);
        replica.Release(batch);
        RecordKvUsage(now);
        foreach (var id in finished)
        {
            OnRequestDone(now);
            NotifyEnded(id, now);
        }

        Wake(replica, Math.Max(now, replica.FirstStageFreeAt));
    }

    private void Wake(Replica replica, double time)
    {
        if (time < replica.PendingWake)
        {
            replica.PendingWake = time;
            events.Post(time, EventKind.Schedule, replica.Index);
        }
    }

    private void ChangeQueueLength(double now, int delta)
    {
        queueIntegral += queueLength * (now - queueChangedAt);
        queueChangedAt = now;
        queueLength += delta;
        maxQueueLength = Math.Max(maxQueueLength, queueLength);
    }

    private void RecordKvUsage(double now)
    {
        var used = 0L;
        foreach (var replica in replicas)
        {
            used += replica.Scheduler.Kv.UsedBlocks;
        }

        kvUsage.Set(now, totalBlocks == 0 ? 0 : used / (double)totalBlocks);
    }
}
