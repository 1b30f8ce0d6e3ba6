using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Tests.Simulation;

public class ReplicaSchedulerTests
{
    [Fact]
    public void VllmV1_ChunksPromptWithinBudget()
    {
        // Budget 100: a 250-token prompt takes chunks of 100, 100 and 50; the last one samples the first token.
        var h = SchedulerHarness.Create(maxNumBatchedTokens: 100);
        var a = h.Add(250, 3);
        Assert.Equal([(a, 100)], h.Step());
        Assert.Equal([(a, 100)], h.Step());
        Assert.Equal(0, h.State(a).Generated);
        Assert.Equal([(a, 50)], h.Step());
        Assert.Equal(1, h.State(a).Generated);
        Assert.Equal([(a, 1)], h.Step());
        Assert.Equal([(a, 1)], h.Step());
        Assert.Equal(RequestPhase.Finished, h.State(a).Phase);
    }

    [Fact]
    public void VllmV1_RunningFirstThenWaitingInOrder()
    {
        // Step 1 admits a (60) and 40 tokens of b. Step 2: a decodes (1), b continues (20),
        // then c (30) and 49 tokens of d fill the rest of the budget of 100.
        var h = SchedulerHarness.Create(maxNumBatchedTokens: 100);
        var a = h.Add(60, 5);
        var b = h.Add(60, 5);
        Assert.Equal([(a, 60), (b, 40)], h.Step());
        var c = h.Add(30, 5);
        var d = h.Add(80, 5);
        Assert.Equal([(a, 1), (b, 20), (c, 30), (d, 49)], h.Step());
    }

    [Fact]
    public void VllmV1_MaxNumSeqsCapsAdmission()
    {
        var h = SchedulerHarness.Create(maxNumSeqs: 2);
        var a = h.Add(10, 5);
        var b = h.Add(10, 5);
        h.Add(10, 5);
        Assert.Equal([(a, 10), (b, 10)], h.Step());
        Assert.Equal([(a, 1), (b, 1)], h.Step());
        Assert.Equal(1, h.Scheduler.WaitingCount);
    }

    [Fact]
    public void VllmV1_PreemptsNewestAndRecomputes()
    {
        // Block size 16, 4 blocks. a and b hold 2 blocks each after prompts of 32 tokens. Their first decode
        // needs a 33rd slot: a asks first, so b (admitted last) is preempted and returns to the front of the queue.
        var h = SchedulerHarness.Create(kvBlocks: 4);
        var a = h.Add(32, 3);
        var b = h.Add(32, 3);
        Assert.Equal([(a, 32), (b, 32)], h.Step());
        Assert.Equal([(a, 1)], h.Step());
        Assert.Equal(1, h.Scheduler.Preemptions);
        Assert.Equal(RequestPhase.Waiting, h.State(b).Phase);
        Assert.Equal(0, h.State(b).Computed);
        Assert.Equal(1, h.State(b).Generated);

        // a finishes on its next decode and frees 3 blocks; b then recomputes its prompt plus its sampled token.
        Assert.Equal([(a, 1)], h.Step());
        Assert.Equal(RequestPhase.Finished, h.State(a).Phase);
        Assert.Equal([(b, 33)], h.Step());
        Assert.Equal(2, h.State(b).Generated);
        Assert.Equal([(b, 1)], h.Step());
        Assert.Equal(RequestPhase.Finished, h.State(b).Phase);
        Assert.Equal(0, h.Scheduler.Kv.UsedBlocks);
    }

    [Fact]
    public void VllmV1_NoAdmissionAfterPreemption()
    {
        // vLLM V1 admits no waiting request in a step that preempted one.
        var h = SchedulerHarness.Create(kvBlocks: 4);
        var a = h.Add(32, 3);
        var b = h.Add(32, 3);
        h.Step();
        h.Add(1, 1);
        Assert.Equal([(a, 1)], h.Step());
        Assert.Equal(2, h.Scheduler.WaitingCount);
        Assert.Equal(RequestPhase.Waiting, h.State(b).Phase);
    }

    [Fact]
    public void NoChunkedPrefill_StopsAtPromptOverBudget()
    {
        // Budget 100 with a taking 60: b's 50-token prompt does not fit the 40 left, and admission stops there
        // (first come, first served), so c's 10 tokens wait too.
        var h = SchedulerHarness.Create(maxNumBatchedTokens: 100, chunkedPrefill: false);
        var a = h.Add(60, 5);
        h.Add(50, 5);
        h.Add(10, 5);
        Assert.Equal([(a, 60)], h.Step());
    }

    [Fact]
    public void LongPrefillThreshold_ClampsChunks()
    {
        var h = SchedulerHarness.Create(longPrefillThreshold: 64);
        var a = h.Add(100, 2);
        var b = h.Add(30, 2);
        Assert.Equal([(a, 64), (b, 30)], h.Step());
        Assert.Equal([(a, 36), (b, 1)], h.Step());
    }

    [Fact]
    public void MaxLongPartialPrefills_LetsShortPromptsPass()
    {
        // One long prefill at a time: b waits behind a, but the short c is admitted past it.
        var h = SchedulerHarness.Create(longPrefillThreshold: 64, maxLongPartialPrefills: 1);
        var a = h.Add(200, 2);
        var b = h.Add(200, 2);
        var c = h.Add(20, 2);
        Assert.Equal([(a, 64), (c, 20)], h.Step());
        Assert.Equal(0, h.State(b).Computed);
        Assert.Equal(RequestPhase.Waiting, h.State(b).Phase);
    }

    [Fact]
    public void PrefillFirst_SeparatesPrefillAndDecode()
    {
        var h = SchedulerHarness.Create(policy: BatchingPolicy.PrefillFirst);
        var a = h.Add(50, 3);
        Assert.Equal([(a, 50)], h.Step());
        var b = h.Add(40, 3);
        Assert.Equal([(b, 40)], h.Step());
        Assert.Equal([(a, 1), (b, 1)], h.Step());
    }

    [Fact]
    public void Static_RunsBatchToCompletion()
    {
        var h = SchedulerHarness.Create(policy: BatchingPolicy.Static, maxNumSeqs: 2);
        var a = h.Add(10, 2);
        var b = h.Add(10, 3);
        var c = h.Add(10, 2);
        Assert.Equal([(a, 10), (b, 10)], h.Step());

        // Whole-lifetime reservation: 10 + 2 − 1 = 11 tokens is one block, 10 + 3 − 1 = 12 tokens one block.
        Assert.Equal(2, h.Scheduler.Kv.UsedBlocks);
        Assert.Equal([(a, 1), (b, 1)], h.Step());
        Assert.Equal([(b, 1)], h.Step());
        Assert.Equal([(c, 10)], h.Step());
    }

    [Fact]
    public void InFlightRequests_SkipNextBatch()
    {
        // With a pipeline, the second micro-batch cannot take a request the first still carries.
        var h = SchedulerHarness.Create();
        var a = h.Add(10, 3);
        Assert.Equal([(a, 10)], h.Dispatch());
        var b = h.Add(10, 3);
        Assert.Equal([(b, 10)], h.Dispatch());
        Assert.Empty(h.Dispatch());
        h.CompleteOldest();
        Assert.Equal([(a, 1)], h.Dispatch());
    }

    [Fact]
    public void Complete_RecordsGapsAndFirstTokens()
    {
        var h = SchedulerHarness.Create();
        var a = h.Add(10, 3);
        h.Step();
        h.Step();
        h.Step();
        Assert.Equal(1.0, h.State(a).FirstToken);
        Assert.Equal(3.0, h.State(a).End);
        Assert.Equal(2, h.Log.InterTokenLatencies.Count);
        Assert.Equal(1.0, h.Log.InterTokenLatencies.Mean, 12);
    }
}
