using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Tests.Simulation;

/// <summary>
/// Aborting requests of an online simulation in each state, with hand-computed times. Every stage of a step takes
/// 10 ms + 0.1 ms per new token (<see cref="LinearStepCostModel"/>'s defaults), KV blocks hold 16 tokens.
/// </summary>
public class OnlineAbortTests
{
    [Fact]
    public void AbortRunning_FreesBlocksAndOthersFlow()
    {
        // PP = 2. A (16 prompt, 10 output) goes alone in step 1: stage 0 [0, 11.6 ms], stage 1 [11.6, 23.2 ms].
        // B (2,000 prompt, 5 output) arrives at 5 ms and fills step 2 once stage 0 frees at 11.6 ms:
        // stage 0 [11.6, 221.6 ms], stage 1 [221.6, 431.6 ms]. A samples its first token at 23.2 ms and then waits,
        // running but not in flight, for stage 0 at 221.6 ms.
        var listener = new RecordingListener();
        var online = Create(listener, pp: 2);
        var a = online.Submit(16, 10);
        online.AdvanceTo(0.005);
        var b = online.Submit(2000, 5);
        online.AdvanceTo(0.1);

        // A holds ceil(16 / 16) = 1 block and B ceil(2000 / 16) = 125.
        Assert.Equal(126, online.KvBlocksInUse);
        Assert.Equal([(1, 0.0232)], Rounded(listener.Tokens[a]));

        Assert.True(online.Abort(a));

        Assert.Equal(125, online.KvBlocksInUse);
        Assert.Equal((RequestOutcome.Aborted, 0.1), listener.Ends[a]);
        Assert.Equal(1, online.Outstanding);
        Assert.Equal(1, online.AbortedRequests);
        Assert.False(online.Abort(a));

        online.AdvanceTo(10);

        // B runs alone: its first token at 431.6 ms, then one decode step of 2 × 10.1 ms per token. Had A stayed, its
        // decodes would share B's steps and stretch them.
        Assert.Single(listener.Tokens[a]);
        Assert.Equal([(1, 0.4316), (2, 0.4518), (3, 0.4720), (4, 0.4922), (5, 0.5124)], Rounded(listener.Tokens[b]));
        Assert.Equal((RequestOutcome.Completed, 0.5124), (listener.Ends[b].Outcome, Math.Round(listener.Ends[b].Time, 9)));
        Assert.Equal(0, online.KvBlocksInUse);
        Assert.Equal(0, online.Outstanding);
    }

    [Fact]
    public void AbortInFlight_EndsWhenStepCompletes()
    {
        // PP = 1. Step 1 prefills A (16) and B (2,000) together: 10 ms + 0.1 ms × 2,016 = 211.6 ms.
        var listener = new RecordingListener();
        var online = Create(listener, pp: 1);
        var a = online.Submit(16, 10);
        var b = online.Submit(2000, 5);
        online.AdvanceTo(0.1);

        Assert.True(online.Abort(b));

        // B is in the step still running, so it keeps its 125 blocks and has not ended.
        Assert.Equal(1 + 125, online.KvBlocksInUse);
        Assert.False(listener.Ends.ContainsKey(b));
        Assert.Equal(2, online.Outstanding);
        Assert.False(online.Abort(b));

        online.AdvanceTo(0.2116);

        // The step completes: A samples its first token, B ends without one and frees its blocks. A's next decode,
        // scheduled at the same instant, grows it to 17 tokens of KV, ceil(17 / 16) = 2 blocks.
        Assert.Equal((RequestOutcome.Aborted, 0.2116), (listener.Ends[b].Outcome, Math.Round(listener.Ends[b].Time, 9)));
        Assert.False(listener.Tokens.ContainsKey(b));
        Assert.Equal(2, online.KvBlocksInUse);
        Assert.Equal(1, online.Outstanding);

        online.AdvanceTo(10);

        // A decodes alone, 10.1 ms per token: its tenth token at 211.6 + 9 × 10.1 = 302.5 ms.
        Assert.Equal(10, listener.Tokens[a].Count);
        Assert.Equal((10, 0.3025), Rounded(listener.Tokens[a])[^1]);
        Assert.Equal(RequestOutcome.Completed, listener.Ends[a].Outcome);
        Assert.Equal(0, online.KvBlocksInUse);
        Assert.Equal(1, online.AbortedRequests);
    }

    [Fact]
    public void AbortWaiting_LeavesQueueAtOnce()
    {
        // max-num-seqs 1: A runs, B waits in the queue with no blocks.
        var listener = new RecordingListener();
        var online = Create(listener, pp: 1, maxNumSeqs: 1);
        var a = online.Submit(16, 4);
        var b = online.Submit(16, 4);
        online.AdvanceTo(0.001);
        Assert.Equal(1, online.KvBlocksInUse);

        Assert.True(online.Abort(b));

        Assert.Equal((RequestOutcome.Aborted, 0.001), listener.Ends[b]);
        Assert.Equal(1, online.KvBlocksInUse);
        online.AdvanceTo(10);

        // A: prefill 11.6 ms, then three decodes of 10.1 ms each.
        Assert.Equal([(1, 0.0116), (2, 0.0217), (3, 0.0318), (4, 0.0419)], Rounded(listener.Tokens[a]));
        Assert.False(listener.Tokens.ContainsKey(b));
        Assert.Equal(0, online.Outstanding);
    }

    [Fact]
    public void Abort_UnknownIdIsIgnored()
    {
        var online = Create(new RecordingListener(), pp: 1);
        Assert.False(online.Abort(0));
        Assert.False(online.Abort(-1));
        Assert.False(online.Abort(OnlineSimulator.DefaultCapacity));
        Assert.Equal(0, online.AbortedRequests);
    }

    private static OnlineSimulator Create(IOnlineSimulationListener listener, int pp, int maxNumSeqs = 256)
    {
        var engine = new EngineSettings { MaxModelLength = 32768, MaxNumSeqs = maxNumSeqs };
        var deployment = SimulationFactory.Deployment(pp: pp, engine: engine);
        return new OnlineSimulator(deployment, new LinearStepCostModel { Stages = pp }, listener, kvCacheBlocks: 1000);
    }

    private static List<(int Generated, double Time)> Rounded(List<(int Generated, double Time)> tokens) =>
        tokens.Select(t => (t.Generated, Math.Round(t.Time, 9))).ToList();
}
