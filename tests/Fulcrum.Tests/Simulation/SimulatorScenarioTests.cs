using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using static Fulcrum.Tests.Simulation.SimulationFactory;

namespace Fulcrum.Tests.Simulation;

public class SimulatorScenarioTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void OneRequest_TtftIsOnePrefillStep()
    {
        // Prompt 1,000 in one step: 0.010 + 0.0001 · 1,000 = 0.110 s. Then 9 decodes of one token:
        // 0.010 + 0.0001 = 0.0101 s each, so E2E = 0.110 + 9 · 0.0101 = 0.2009 s.
        var result = Run(Config(Uniform(1, 1000, 10)));
        var request = Assert.Single(result.Requests);
        Assert.Equal(RequestOutcome.Completed, request.Outcome);
        Assert.Equal(0.110, request.Ttft!.Value, Tolerance);
        Assert.Equal(0.0101, request.Tpot!.Value, Tolerance);
        Assert.Equal(0.2009, request.E2el, Tolerance);
        Assert.Equal(0.0, request.QueueingDelay!.Value, Tolerance);
        Assert.Equal(10, result.Engine.Steps);
    }

    [Fact]
    public void ZeroRequests_GiveNullRates()
    {
        var result = Run(Config(Uniform(0, 100, 10)));
        Assert.Equal(0, result.Metrics.Completed);
        Assert.Equal(0, result.Metrics.DurationSeconds);
        Assert.Null(result.Metrics.RequestThroughput);
        Assert.Null(result.Metrics.Ttft);
        Assert.Null(result.Metrics.Itl);
        Assert.Null(result.Engine.GpuUtilization);
        Assert.Equal(0, result.Engine.Steps);
    }
}
