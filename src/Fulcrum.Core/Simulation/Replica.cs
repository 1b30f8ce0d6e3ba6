using Fulcrum.Performance;

namespace Fulcrum.Simulation;

/// <summary>
/// One DP replica: its scheduler and its pipeline of <see cref="Stages"/> stages, with up to one step per stage in
/// flight. A step enters stage 0 when the scheduler forms it. It moves on to each next stage once that stage is
/// free and the activations have arrived. Steps never overtake each other, so a step's stage times are known when
/// it is dispatched.
/// </summary>
internal sealed class Replica
{
    private readonly IStepCostModel model;
    private readonly double[] stageFreeAt;
    private readonly double[] stageBusySeconds;
    private readonly Queue<MicroBatch> inFlight;
    private readonly Stack<MicroBatch> spare = new();
    private double inFlightSince;

    public Replica(int index, ReplicaScheduler scheduler, IStepCostModel model, int batchCapacity)
    {
        Index = index;
        Scheduler = scheduler;
        this.model = model;
        Stages = model.Stages;
        stageFreeAt = new double[Stages];
        stageBusySeconds = new double[Stages];
        inFlight = new Queue<MicroBatch>(Stages);
        for (var i = 0; i < Stages; i++)
        {
            spare.Push(new MicroBatch(batchCapacity));
        }
    }

    public int Index { get; }

    public int Stages { get; }

    public ReplicaScheduler Scheduler { get; }

    public int InFlightCount => inFlight.Count;

    /// <summary>When stage 0 finishes its current step.</summary>
    public double FirstStageFreeAt => stageFreeAt[0];

    /// <summary>Earliest pending scheduling event, or +∞; lets the run avoid posting duplicates.</summary>
    public double PendingWake { get; set; } = double.PositiveInfinity;

    /// <summary>Work by category summed over stages and steps, with transfers as point-to-point time.</summary>
    public StepCost BusyTime { get; private set; }

    /// <summary>Total time with at least one step in the pipeline.</summary>
    public double InFlightSeconds { get; private set; }

    public long Steps { get; private set; }

    public long PrefillTokens { get; private set; }

    public long DecodeTokens { get; private set; }

    public long ScheduledSequences { get; private set; }

    /// <summary>Steps with at least one decode.</summary>
    public long DecodeSteps { get; private set; }

    public IReadOnlyList<double> StageBusySeconds => stageBusySeconds;

    /// <summary>Whether a step may start now: stage 0 idle and fewer steps in flight than stages.</summary>
    public bool CanDispatch(double now) => inFlight.Count < Stages && stageFreeAt[0] <= now;

    /// <summary>
    /// Forms and prices the next step at <paramref name="now"/>; null when the scheduler has nothing to run.
    /// Appends its stage spans to <paramref name="timeline"/> when given.
    /// </summary>
    public MicroBatch? Dispatch(double now, List<StageSpan>? timeline)
    {
        var batch = spare.Pop();
        var usage = Scheduler.Kv.TotalBlocks == 0 ? 0 : Scheduler.Kv.UsedBlocks / (double)Scheduler.Kv.TotalBlocks;
        Scheduler.Schedule(batch, now);
        if (batch.Count == 0)
        {
            spare.Push(batch);
            return null;
        }

        var step = batch.Step;
        var ready = now;
        var busy = BusyTime;
        for (var s = 0; s < Stages; s++)
        {
            var cost = model.PriceStage(in step, s);
            var start = Math.Max(ready, stageFreeAt[s]);
            var end = start + cost.TotalSeconds;
            stageFreeAt[s] = end;
            stageBusySeconds[s] += cost.TotalSeconds;
            busy += cost;
            timeline?.Add(new StageSpan(Index, s, Steps, start, end, step.PrefillTokens, step.PrefillSequences, step.DecodeSequences, usage));
            ready = end;
            if (s < Stages - 1)
            {
                var transfer = model.TransferSeconds(in step, s);
                busy += new StepCost { PointToPointSeconds = transfer };
                ready += transfer;
            }
        }

        BusyTime = busy;
        batch.CompletionTime = stageFreeAt[Stages - 1];
        if (inFlight.Count == 0)
        {
            inFlightSince = now;
        }

        inFlight.Enqueue(batch);
        Steps++;
        PrefillTokens += step.PrefillTokens;
        DecodeTokens += step.DecodeSequences;
        ScheduledSequences += step.Sequences;
        DecodeSteps += step.DecodeSequences > 0 ? 1 : 0;
        return batch;
    }

    /// <summary>Removes the oldest in-flight step, which leaves the last stage at <paramref name="now"/>.</summary>
    public MicroBatch TakeCompleted(double now)
    {
        var batch = inFlight.Dequeue();
        if (inFlight.Count == 0)
        {
            InFlightSeconds += now - inFlightSince;
        }

        return batch;
    }

    /// <summary>Returns a completed step's buffers to the pool.</summary>
    public void Release(MicroBatch batch) => spare.Push(batch);

    /// <summary>Idle stage-seconds while a step was in the pipeline, over all stages; 0 with one stage.</summary>
    public double BubbleSeconds()
    {
        if (Stages == 1)
        {
            return 0;
        }

        var bubble = 0.0;
        foreach (var busy in stageBusySeconds)
        {
            bubble += Math.Max(0, InFlightSeconds - busy);
        }

        return bubble;
    }
}
