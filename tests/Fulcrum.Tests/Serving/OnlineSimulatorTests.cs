using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Tests.Simulation;

namespace Fulcrum.Tests.Serving;

/// <summary>The online simulator against the batch simulator it shares its engine with.</summary>
public class OnlineSimulatorTests
{
    [Fact]
    public void Online_MatchesBatchRunOnSameArrivals()
    {
        // Three requests at t = 0, 0.01 and 0.02 s; submitting each at its time must give the batch run's times to the bit.
        var workload = SimulationFactory.Uniform(3, input: 300, output: 5, gapSeconds: 0.01);
        var config = SimulationFactory.Config(workload);
        var batch = Simulator.Run(config);

        var listener = new RecordingListener();
        var online = new OnlineSimulator(config.Deployment, config.CostModel, listener, kvCacheBlocks: config.KvCacheBlocks);
        var ids = new List<int>();
        foreach (var request in workload.Requests)
        {
            online.AdvanceTo(request.ArrivalSeconds);
            ids.Add(online.Submit(request.InputTokens, request.OutputTokens));
        }

        online.AdvanceTo(100);
        for (var i = 0; i < ids.Count; i++)
        {
            var expected = batch.Requests[i];
            var tokens = listener.Tokens[ids[i]];
            Assert.Equal(5, tokens.Count);
            Assert.Equal(expected.FirstTokenSeconds, tokens[0].Time);
            Assert.Equal(expected.EndSeconds, tokens[^1].Time);
            Assert.Equal(Enumerable.Range(1, 5), tokens.Select(t => t.Generated));
            Assert.Equal((RequestOutcome.Completed, expected.EndSeconds), listener.Ends[ids[i]]);
        }

        Assert.Equal(0, online.Outstanding);
        Assert.Null(online.NextEventSeconds);
    }

    [Fact]
    public void Online_ReusesSlotAfterEnd()
    {
        var config = SimulationFactory.Config(SimulationFactory.Uniform(1, 10, 2));
        var listener = new RecordingListener();
        var online = new OnlineSimulator(config.Deployment, config.CostModel, listener, kvCacheBlocks: config.KvCacheBlocks, capacity: 1);
        Assert.Equal(0, online.Submit(10, 2));
        Assert.Equal(-1, online.Submit(10, 2));
        online.AdvanceTo(10);
        Assert.Equal(RequestOutcome.Completed, listener.Ends[0].Outcome);
        Assert.Equal(0, online.Submit(10, 2));
    }

    [Fact]
    public void Online_RejectsTooLongAtOnce()
    {
        // MaxModelLength is 32768 in the factory: 32768 prompt + 1 output tokens is one too many.
        var config = SimulationFactory.Config(SimulationFactory.Uniform(1, 10, 2));
        var listener = new RecordingListener();
        var online = new OnlineSimulator(config.Deployment, config.CostModel, listener, kvCacheBlocks: config.KvCacheBlocks);
        var id = online.Submit(32768, 1);
        Assert.Equal((RequestOutcome.Rejected, 0.0), listener.Ends[id]);
        Assert.Equal(0, online.Outstanding);
    }
}
