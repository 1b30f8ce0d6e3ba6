using Fulcrum.Metrics;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Simulation;

/// <summary>
/// The scheduler of one replica: its waiting queue, its running requests in admission order and its KV cache.
/// <see cref="Schedule"/> forms the next step under the engine's <see cref="BatchingPolicy"/>;
/// <see cref="Complete"/> applies a finished step. It reads no clock, because times come in as arguments, so tests
/// can drive it step by step.
/// </summary>
internal sealed partial class ReplicaScheduler
{
    private readonly RequestState[] requests;
    private readonly EngineSettings engine;
    private readonly IntDeque waiting = new();
    private readonly List<int> running = [];
    private readonly List<int> skipped = [];

    public ReplicaScheduler(RequestState[] requests, EngineSettings engine, KvBlockManager kv)
    {
        this.requests = requests;
        this.engine = engine;
        Kv = kv;
    }

    public KvBlockManager Kv { get; }

    public int WaitingCount => waiting.Count;

    public int RunningCount => running.Count;

    /// <summary>Requests the replica holds: waiting plus running.</summary>
    public int Outstanding => waiting.Count + running.Count;

    /// <summary>Preemptions so far: each time a running request lost its KV blocks.</summary>
    public long Preemptions { get; private set; }

    /// <summary>Running requests in admission order (the preemption order reads it from the end).</summary>
    public IReadOnlyList<int> Running => running;

    /// <summary>Puts an arriving request at the back of the waiting queue.</summary>
    public void Enqueue(int id)
    {
        requests[id].Phase = RequestPhase.Waiting;
        waiting.PushBack(id);
    }

    /// <summary>
    /// Takes request <paramref name="id"/> out of the waiting queue or the running list and frees its KV blocks, as
    /// vLLM's scheduler does for an aborted request. The request must not be in flight: a pipeline stage may still
    /// write its blocks, so the caller marks it <see cref="RequestState.Aborting"/> and <see cref="Complete"/> ends it.
    /// </summary>
    public void Remove(int id)
    {
        ref var r = ref requests[id];
        if (r.InFlight)
        {
            throw new InvalidOperationException($"Request {id} is in a micro-batch in flight; mark it aborting instead.");
        }

        var removed = r.Phase == RequestPhase.Waiting ? waiting.Remove(id) : running.Remove(id);
        if (!removed)
        {
            throw new InvalidOperationException($"Request {id} in phase {r.Phase} is not held by this replica.");
        }

        Kv.Free(ref r);
    }

    /// <summary>Fills <paramref name="batch"/> with the next step; leaves it empty when nothing can run now.</summary>
    /// <param name="now">Simulated time, recorded as the start of requests scheduled for the first time.</param>
    public void Schedule(MicroBatch batch, double now)
    {
        batch.Clear();
        var budget = engine.MaxNumBatchedTokens;
        switch (engine.BatchingPolicy)
        {
            case BatchingPolicy.VllmV1:
                if (!ScheduleRunning(batch, ref budget, Work.Any, allowPreemption: true, now))
                {
                    ScheduleWaiting(batch, ref budget, now);
                }

                break;

            case BatchingPolicy.PrefillFirst:
                // A step is all prefill while prefill work can run, else all decode (vLLM V0's default scheduler,
                // SGLang). Continuing prefills may preempt too: two half-done prompts in a full cache would
                // otherwise wait for each other forever.
                if (!ScheduleRunning(batch, ref budget, Work.PrefillOnly, allowPreemption: true, now))
                {
                    ScheduleWaiting(batch, ref budget, now);
                }

                if (batch.Count == 0)
                {
                    ScheduleRunning(batch, ref budget, Work.DecodeOnly, allowPreemption: true, now);
                }

                break;

            case BatchingPolicy.Static:
                if (running.Count == 0)
                {
                    AdmitStaticBatch();
                }

                ScheduleRunning(batch, ref budget, Work.Any, allowPreemption: false, now);
                break;

            default:
                throw new InvalidOperationException($"Unknown batching policy {engine.BatchingPolicy}.");
        }
    }

    /// <summary>
    /// Applies a finished step at <paramref name="now"/>: advances each request's KV, samples a token where the step
    /// caught up with the known tokens, records first tokens and inter-token gaps in <paramref name="log"/>, and
    /// retires completed requests into <paramref name="finished"/> with their KV blocks freed. A request aborted
    /// while the step was in flight samples nothing and is retired as aborted.
    /// </summary>
    public void Complete(MicroBatch batch, double now, TokenLog log, List<int> finished)
    {
        var sampled = 0;
        var gap = 0.0;
        var gapCount = 0L;
        for (var k = 0; k < batch.Count; k++)
        {
            var id = batch.RequestAt(k);
            ref var r = ref requests[id];
            r.InFlight = false;
            if (r.Aborting)
            {
                Kv.Free(ref r);
                r.Phase = RequestPhase.Finished;
                r.Outcome = RequestOutcome.Aborted;
                r.End = now;
                finished.Add(id);
                continue;
            }

            r.Computed += batch.TokensAt(k);
            if (r.Computed != r.Tokens)
            {
                continue;
            }

            sampled++;
            if (r.Generated == 0)
            {
                r.FirstToken = now;
            }
            else
            {
                // Most requests of a step share the previous step as their last token, so equal gaps are
                // recorded as one run instead of one call per token.
                var g = now - r.LastToken;
                if (gapCount > 0 && g != gap)
                {
                    log.RecordGaps(gap, gapCount);
                    gapCount = 0;
                }

                gap = g;
                gapCount++;
            }

            r.Generated++;
            r.LastToken = now;
            if (r.Generated == r.OutputTokens)
            {
                Kv.Free(ref r);
                r.Phase = RequestPhase.Finished;
                r.Outcome = RequestOutcome.Completed;
                r.End = now;
                finished.Add(id);
            }
        }

        if (gapCount > 0)
        {
            log.RecordGaps(gap, gapCount);
        }

        if (sampled > 0)
        {
            log.RecordTokens(now, sampled);
        }

        if (finished.Count > 0)
        {
            RemoveFinished();
        }
    }

    /// <summary>Drops finished requests from the running list in one pass, keeping admission order.</summary>
    private void RemoveFinished()
    {
        var kept = 0;
        for (var i = 0; i < running.Count; i++)
        {
            if (requests[running[i]].Phase != RequestPhase.Finished)
            {
                running[kept++] = running[i];
            }
        }

        running.RemoveRange(kept, running.Count - kept);
    }
}
