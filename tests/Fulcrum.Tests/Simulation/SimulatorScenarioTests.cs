using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;
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
        Assert.Equal(1000, result.Engine.PrefillTokens);
        Assert.Equal(9, result.Engine.DecodeTokens);
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
        Assert.Null(result.Engine.MeanKvCacheUsage);
        Assert.Equal(0, result.Engine.Steps);
    }

    [Fact]
    public void LightLoad_OneStepLatencies()
    {
        // Requests 5 s apart each finish (0.060 + 63 · 0.0101 = 0.6963 s) before the next arrives, so every one
        // sees an empty engine: TTFT = 0.010 + 0.0001 · 500 = 0.060 s and TPOT = 0.0101 s.
        var result = Run(Config(Uniform(20, 500, 64, gapSeconds: 5)));
        Assert.All(result.Requests, r => Assert.Equal(0.060, r.Ttft!.Value, Tolerance));
        Assert.Equal(0.060, result.Metrics.Ttft!.P99, Tolerance);
        Assert.Equal(0.0101, result.Metrics.Tpot!.Mean, Tolerance);
        Assert.Equal(0.0101, result.Metrics.Itl!.Max, Tolerance);
        Assert.Equal(0.0, result.Metrics.QueueingDelay!.Max, Tolerance);
        Assert.Equal(1, result.Metrics.MaxConcurrentRequests);
    }

    [Fact]
    public void Ttft_AtLeastPrefillTime()
    {
        // A prompt of p tokens split into chunks of at most B costs at least ceil(p / B) fixed costs plus p token costs.
        var model = new LinearStepCostModel();
        var engine = new EngineSettings { MaxNumBatchedTokens = 512, MaxModelLength = 32768 };
        var workload = Workload.Of(Enumerable.Range(0, 200).Select(i => new WorkloadRequest(i * 0.01, 100 + (37 * i % 1500), 1 + (i % 40))).ToArray());
        var result = Run(Config(workload, engine, model));
        foreach (var r in result.Requests)
        {
            var chunks = Math.Ceiling(r.InputTokens / 512.0);
            var prefill = (chunks * model.FixedSeconds) + (model.PerTokenSeconds * r.InputTokens);
            Assert.True(r.Ttft >= prefill - Tolerance, $"TTFT {r.Ttft} below the prefill time {prefill} of a {r.InputTokens}-token prompt.");
        }
    }

    [Fact]
    public void LittlesLaw_HoldsOnQueue()
    {
        // Mean number waiting = arrival rate × mean wait, with both sides measured independently: the engine
        // integrates its queue length, the metrics average per-request timestamps.
        var spec = new WorkloadSpec
        {
            NumPrompts = 400,
            Arrival = new ArrivalProcess.Rate(40),
            InputLength = new LengthDistribution.Uniform(200, 2000),
            OutputLength = new LengthDistribution.Uniform(10, 100),
            Seed = 7,
        };
        var engine = new EngineSettings { MaxNumSeqs = 8, MaxModelLength = 32768 };
        var result = Run(Config(spec.Generate(), engine));
        var m = result.Metrics;
        Assert.True(result.Engine.MeanQueueLength > 0.5, $"The queue should build up; mean length {result.Engine.MeanQueueLength}.");
        var arrivalRate = m.Requests / m.DurationSeconds;
        Assert.Equal(result.Engine.MeanQueueLength!.Value, arrivalRate * m.QueueingDelay!.Mean, 1e-6);
    }

    [Fact]
    public void SmallCache_PreemptsAndStillCompletes()
    {
        // 16 requests of 100 + 400 − 1 = 499 peak tokens (32 blocks each) share 100 blocks: prompts of 7 blocks
        // all fit at first, and growth then forces preemptions.
        var result = Run(Config(Uniform(16, 100, 400), kvBlocks: 100));
        Assert.True(result.Engine.Preemptions > 0);
        Assert.True(result.Engine.PreemptedRequests > 0);
        Assert.All(result.Requests, r => Assert.Equal(RequestOutcome.Completed, r.Outcome));
        Assert.All(result.Requests, r => Assert.Equal(400, r.OutputTokens));
        Assert.True(result.Engine.MaxKvCacheUsage <= 1.0);

        // Without preemption the engine would compute 16 × (100 + 400 − 1) = 7,984 tokens, 6,384 of them decodes.
        // Recomputation adds prefill work, and each recomputed prefill also covers the token a decode would have fed.
        Assert.True(result.Engine.PrefillTokens + result.Engine.DecodeTokens > 16 * 499);
        Assert.True(result.Engine.DecodeTokens < 16 * 399);
    }

    [Fact]
    public void Rejections_TooLongAndOverCache()
    {
        // max-model-len 2,048 and 64 blocks of 16 = 1,024 KV tokens.
        var engine = new EngineSettings { MaxModelLength = 2048 };
        var workload = Workload.Of(
        [
            new WorkloadRequest(0, 100, 10),
            new WorkloadRequest(0, 2000, 100),
            new WorkloadRequest(0, 1000, 30),
            new WorkloadRequest(0, 1000, 25),
        ]);
        var result = Run(Config(workload, engine, kvBlocks: 64));
        Assert.Equal(1, result.Engine.RejectedTooLong);
        Assert.Equal(1, result.Engine.RejectedOverKvCapacity);
        Assert.Equal(2, result.Metrics.Rejected);
        Assert.Equal(2, result.Metrics.Completed);
        Assert.Equal([RequestOutcome.Completed, RequestOutcome.Rejected, RequestOutcome.Rejected, RequestOutcome.Completed], result.Requests.Select(r => r.Outcome));

        // 1000 + 30 − 1 = 1,029 tokens need 65 blocks; 1000 + 25 − 1 = 1,024 need exactly 64.
        Assert.Null(result.Requests[2].FirstTokenSeconds);
    }

    [Fact]
    public void PipelineOneRequest_HalfIdle()
    {
        // PP=2 with one request: each step occupies stage 0 then stage 1, so each stage idles half the in-flight time.
        var model = new LinearStepCostModel { Stages = 2 };
        var result = Run(Config(Uniform(1, 200, 20), model: model, pp: 2));
        Assert.Equal(0.5, result.Engine.BubbleFraction!.Value, Tolerance);

        // TTFT = two stages of 0.010 + 0.0001 · 200 = 0.030 s each.
        Assert.Equal(0.060, result.Requests[0].Ttft!.Value, Tolerance);
    }

    [Fact]
    public void PipelineManyRequests_FewerBubbles()
    {
        // 64 requests fill two micro-batches of 41 and 23 decodes: per cycle stage 0 computes 0.0104 + 0.0102 s
        // while a step takes 0.0104 + 0.001 + 0.0104 = 0.0218 s to pass both stages, so about 5% of the time idles,
        // plus the fill and drain of the pipeline at the start and end.
        var model = new LinearStepCostModel { Stages = 2, PerTokenSeconds = 0.00001, TransferSecondsEach = 0.001 };
        var result = Run(Config(Uniform(64, 200, 400), model: model, pp: 2));
        Assert.True(result.Engine.BubbleFraction < 0.1, $"Bubble fraction {result.Engine.BubbleFraction}.");
        Assert.True(result.Engine.BusyTime.PointToPointSeconds > 0);
    }

    [Fact]
    public void RoundRobin_SplitsEvenly()
    {
        var result = Run(Config(Uniform(10, 100, 5), dp: 2));
        Assert.Equal(2, result.Engine.Replicas);
        Assert.Equal(5, result.Engine.Steps / 2);
        Assert.Equal(2, result.Metrics.Gpus);
    }

    [Fact]
    public void LeastRequests_AvoidsBusyReplica()
    {
        // One long request occupies replica 0; the least-requests router sends every later short one to replica 1,
        // so none waits behind it. Round-robin would put every other one on replica 0.
        var requests = new List<WorkloadRequest> { new(0, 4000, 2000) };
        requests.AddRange(Enumerable.Range(1, 10).Select(i => new WorkloadRequest(i * 1.0, 100, 5)));
        var least = Run(Config(Workload.Of(requests), dp: 2, router: RouterPolicy.LeastRequests));
        var roundRobin = Run(Config(Workload.Of(requests), dp: 2, router: RouterPolicy.RoundRobin));
        Assert.True(least.Metrics.E2el!.Median < roundRobin.Metrics.E2el!.Median);
    }

    [Fact]
    public void MaxConcurrency_CapsOutstanding()
    {
        var result = Run(Config(Uniform(30, 300, 20, maxConcurrency: 4)));
        Assert.Equal(4, result.Metrics.MaxConcurrentRequests);
        Assert.NotNull(result.Metrics.ClientQueueTime);
        Assert.True(result.Metrics.ClientQueueTime!.Max > 0);
    }

    [Fact]
    public void Static_SecondBatchWaitsForFirst()
    {
        var engine = new EngineSettings { BatchingPolicy = BatchingPolicy.Static, MaxNumSeqs = 4, MaxModelLength = 32768 };
        var workload = Workload.Of(Enumerable.Range(0, 8).Select(i => new WorkloadRequest(0, 100, 10 + i)).ToArray());
        var result = Run(Config(workload, engine));
        var firstBatchEnd = result.Requests.Take(4).Max(r => r.EndSeconds);
        Assert.All(result.Requests.Skip(4), r => Assert.True(r.StartSeconds >= firstBatchEnd));
    }

    [Fact]
    public void Goodput_CountsRequestsMeetingSlo()
    {
        // Light load, as above: TTFT 0.060 s, TPOT 0.0101 s. An objective of 50 ms TTFT fails every request.
        var passing = Run(Config(Uniform(5, 500, 64, gapSeconds: 5), slo: new SloThresholds(TtftSeconds: 0.1, TpotSeconds: 0.02)));
        var failing = Run(Config(Uniform(5, 500, 64, gapSeconds: 5), slo: new SloThresholds(TtftSeconds: 0.05)));
        Assert.Equal(passing.Metrics.RequestThroughput!.Value, passing.Metrics.RequestGoodput!.Value, Tolerance);
        Assert.Equal(0.0, failing.Metrics.RequestGoodput!.Value);
    }

    [Fact]
    public void PipelinePreemption_DoesNotLivelock()
    {
        // Found by the property tests: with PP=3 two recomputing requests used to preempt themselves in turn,
        // each protected while in flight, forever. The earliest admitted request must keep its priority.
        var engine = new EngineSettings { BlockSize = 1, MaxNumSeqs = 45, MaxNumBatchedTokens = 29, BatchingPolicy = BatchingPolicy.PrefillFirst, MaxModelLength = 729 };
        (double, int, int)[] requests =
        [
            (0.113, 183, 14), (0.113, 240, 55), (0.113, 388, 45), (0.113, 34, 9), (0.211, 482, 49), (0.211, 62, 89), (0.233, 392, 27), (0.233, 3, 5),
            (0.233, 655, 72), (0.269, 305, 53), (0.425, 626, 53), (0.425, 154, 16), (0.425, 59, 89), (0.425, 117, 69), (0.465, 518, 3),
        ];
        var workload = Workload.Of(requests.Select(r => new WorkloadRequest(r.Item1, r.Item2, r.Item3)).ToArray(), maxConcurrency: 6);
        var model = new LinearStepCostModel { Stages = 3, PerContextTokenSeconds = 1e-6, TransferSecondsEach = 0.0005 };
        var result = Run(Config(workload, engine, model, kvBlocks: 175, pp: 3, router: RouterPolicy.LeastRequests));
        // Peaks of input + output − 1 tokens above the 175 one-token blocks are rejected; 5 requests fit.
        Assert.Equal(5, result.Metrics.Completed);
        Assert.Equal(10, result.Engine.RejectedOverKvCapacity);
        Assert.True(result.Engine.Preemptions > 0);
        Assert.True(result.Engine.Preemptions < 1000, $"{result.Engine.Preemptions} preemptions for 15 requests.");
    }
}
