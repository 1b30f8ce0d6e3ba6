namespace Fulcrum.Simulation;

/// <summary>The passes that policies combine: running requests, waiting requests, a static batch.</summary>
internal sealed partial class ReplicaScheduler
{
    /// <summary>Which running requests a pass may schedule.</summary>
    private enum Work
    {
        Any,
        PrefillOnly,
        DecodeOnly,
    }

    /// <summary>
    /// Schedules running requests in admission order while the token budget lasts, as vLLM V1 does first. When a
    /// request needs a KV block and none is free, the most recently admitted running request is preempted: its
    /// blocks are freed and it returns to the front of the waiting queue, to be recomputed later. Preemption
    /// repeats until the block fits or the request preempts itself. The pass stops at a request that cannot be
    /// served. Returns whether anything was preempted.
    /// </summary>
    private bool ScheduleRunning(MicroBatch batch, ref int budget, Work work, bool allowPreemption, double now)
    {
        var preempted = false;
        var i = 0;
        while (i < running.Count && budget > 0)
        {
            var id = running[i];
            ref var r = ref requests[id];
            var wanted = work == Work.Any || (work == Work.DecodeOnly) == r.IsDecode;
            if (r.InFlight || !wanted)
            {
                i++;
                continue;
            }

            var remaining = r.Tokens - r.Computed;
            if (!engine.ChunkedPrefill && !r.IsDecode && remaining > budget)
            {
                i++;
                continue;
            }

            var chunk = Math.Min(ClampLongPrefill(remaining), budget);
            if (!AllocateOrPreempt(id, chunk, i, allowPreemption, ref preempted))
            {
                break;
            }

            Include(batch, id, chunk, now);
            budget -= chunk;
            i++;
        }

        return preempted;
    }

    /// <summary>
    /// Admits waiting requests in queue order while the sequence cap, the token budget and free KV blocks allow.
    /// The first request that does not fit stops admission (first come, first served), except a long prompt over
    /// the partial-prefill limit, which is passed over for now.
    /// </summary>
    private void ScheduleWaiting(MicroBatch batch, ref int budget, double now)
    {
        var threshold = engine.LongPrefillTokenThreshold;
        var longLimit = threshold > 0 ? engine.MaxLongPartialPrefills : null;
        var longInProgress = longLimit is null ? 0 : CountLongPrefills(threshold);
        skipped.Clear();
        while (waiting.Count > 0 && budget > 0 && running.Count < engine.MaxNumSeqs)
        {
            var id = waiting.PeekFront();
            ref var r = ref requests[id];
            var remaining = r.Tokens - r.Computed;
            var isLong = threshold > 0 && remaining > threshold;
            if (isLong && longInProgress >= longLimit)
            {
                skipped.Add(waiting.PopFront());
                continue;
            }

            var chunk = ClampLongPrefill(remaining);
            if (!engine.ChunkedPrefill && chunk > budget)
            {
                break;
            }

            chunk = Math.Min(chunk, budget);
            if (!Kv.TryAllocate(ref r, r.Computed + chunk))
            {
                break;
            }

            waiting.PopFront();
            running.Add(id);
            r.Phase = RequestPhase.Running;
            longInProgress += isLong ? 1 : 0;
            Include(batch, id, chunk, now);
            budget -= chunk;
        }

        for (var k = skipped.Count - 1; k >= 0; k--)
        {
            waiting.PushFront(skipped[k]);
        }
    }

    /// <summary>
    /// Static batching admission into an empty engine: up to max-num-seqs waiting requests, each reserving the KV
    /// blocks of its whole prompt and output, so the batch runs to completion without preemption.
    /// </summary>
    private void AdmitStaticBatch()
    {
        while (waiting.Count > 0 && running.Count < engine.MaxNumSeqs)
        {
            var id = waiting.PeekFront();
            ref var r = ref requests[id];
            if (!Kv.TryAllocate(ref r, r.PeakKvTokens))
            {
                break;
            }

            waiting.PopFront();
            running.Add(id);
            r.Phase = RequestPhase.Running;
        }
    }

    private bool AllocateOrPreempt(int id, int chunk, int index, bool allowPreemption, ref bool preempted)
    {
        while (!Kv.TryAllocate(ref requests[id], requests[id].Computed + chunk))
        {
            if (!allowPreemption)
            {
                return false;
            }

            // The victim is the most recently admitted running request. NOTE: vLLM would preempt it even while
            // pipeline parallelism has it in flight. The simulator instead stops this pass until that step
            // completes, because a later stage is still writing the victim's blocks.
            var victimIndex = running.Count - 1;
            if (victimIndex != index && requests[running[victimIndex]].InFlight)
            {
                return false;
            }

            var victim = running[victimIndex];
            running.RemoveAt(victimIndex);
            Preempt(victim);
            preempted = true;
            if (victimIndex == index)
            {
                return false;
            }
        }

        return true;
    }

    private void Preempt(int id)
    {
        ref var r = ref requests[id];
        Kv.Free(ref r);
        r.Computed = 0;
        r.Phase = RequestPhase.Waiting;
        r.Preemptions++;
        Preemptions++;
        waiting.PushFront(id);
    }

    private void Include(MicroBatch batch, int id, int tokens, double now)
    {
        ref var r = ref requests[id];
        if (double.IsNaN(r.Start))
        {
            r.Start = now;
            batch.FirstAdmissions++;
        }

        batch.Add(id, tokens, r);
        r.InFlight = true;
    }

    /// <summary>Caps one step's chunk of a request at the long-prefill threshold (vLLM V1's per-request cap); 0 turns it off.</summary>
    private int ClampLongPrefill(int remaining)
    {
        var threshold = engine.LongPrefillTokenThreshold;
        return threshold > 0 && remaining > threshold ? threshold : remaining;
    }

    private int CountLongPrefills(int threshold)
    {
        var count = 0;
        foreach (var id in running)
        {
            ref var r = ref requests[id];
            if (!r.IsDecode && r.Tokens > threshold && r.Computed < r.Tokens)
            {
                count++;
            }
        }

        return count;
    }
}
