using CsCheck;
using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Simulation;

public class SimulatorPropertyTests
{
    /// <summary>A random small deployment, engine and workload, covering every policy, router, PP up to 4 and DP up to 2.</summary>
    private static readonly Gen<SimulationConfig> Configs =
        from policy in Gen.Int[0, 2]
        from budget in Gen.Int[16, 2048]
        from maxSeqs in Gen.Int[1, 48]
        from chunked in Gen.Bool
        from threshold in Gen.OneOf(Gen.Const(0), Gen.Int[8, 400])
        from longLimit in Gen.Int[0, 2]
        from blockSize in Gen.OneOf(Gen.Const(1), Gen.Const(16), Gen.Const(32))
        from blocks in Gen.Int[0, 300]
        from maxModelLength in Gen.Int[64, 1500]
        from pp in Gen.Int[1, 4]
        from dp in Gen.Int[1, 2]
        from router in Gen.Int[0, 2]
        from cap in Gen.Int[0, 6]
        from requests in Gen.Select(Gen.Double[0, 0.2], Gen.Int[1, 700], Gen.Int[1, 90]).Array[0, 40]
        select Build(policy, budget, maxSeqs, chunked, threshold, longLimit, blockSize, blocks, maxModelLength, pp, dp, router, cap, requests);

    [Fact]
    public void EveryRequest_CompletesOrIsRejected()
    {
        Configs.Sample(config =>
        {
            var result = Simulator.Run(config);
            var blockSize = config.Deployment.Engine.BlockSize;
            foreach (var (r, w) in result.Requests.Zip(config.Workload.Requests))
            {
                var tooLong = w.InputTokens + w.OutputTokens > config.Deployment.MaxModelLength;
                var tooBig = (w.InputTokens + w.OutputTokens - 1 + blockSize - 1) / blockSize > config.KvCacheBlocks;
                Assert.Equal(tooLong || tooBig ? RequestOutcome.Rejected : RequestOutcome.Completed, r.Outcome);
                Assert.True(r.ArrivalSeconds >= r.ScheduledSeconds);
                if (r.IsCompleted)
                {
                    Assert.Equal(w.OutputTokens, r.OutputTokens);
                    Assert.True(r.StartSeconds >= r.ArrivalSeconds);
                    Assert.True(r.FirstTokenSeconds > r.StartSeconds);
                    Assert.True(r.EndSeconds >= r.FirstTokenSeconds);
                }
            }
        }, iter: 300, print: Describe);
    }

    [Fact]
    public void Tokens_AreConserved()
    {
        Configs.Sample(config =>
        {
            var result = Simulator.Run(config);
            var completed = result.Requests.Where(r => r.IsCompleted).ToList();
            Assert.Equal(completed.Sum(r => (long)r.OutputTokens), result.Metrics.TotalOutputTokens);
            Assert.Equal(completed.Sum(r => (long)r.InputTokens), result.Metrics.TotalInputTokens);

            // Each completed request computes its prompt and feeds back every output token but the last;
            // recomputation after a preemption only adds work.
            var needed = completed.Sum(r => (long)r.InputTokens + r.OutputTokens - 1);
            var computed = result.Engine.PrefillTokens + result.Engine.DecodeTokens;
            if (result.Engine.Preemptions == 0)
            {
                Assert.Equal(needed, computed);
                Assert.Equal(completed.Sum(r => (long)r.OutputTokens - 1), result.Engine.DecodeTokens);
            }
            else
            {
                Assert.True(computed > needed);
            }

            // Every sampled token after a request's first is one inter-token gap.
            Assert.Equal(completed.Sum(r => (long)r.OutputTokens - 1), result.Metrics.Itl?.Count ?? 0);
        }, iter: 300, print: Describe);
    }

    [Fact]
    public void Limits_AreRespected()
    {
        Configs.Sample(config =>
        {
            var result = Simulator.Run(config);
            Assert.True(result.Engine.MaxKvCacheUsage <= 1.0 + 1e-12);
            Assert.True(result.Engine.BubbleFraction is null or >= 0 and <= 1);
            Assert.True(result.Engine.GpuUtilization is null or >= 0 and <= 1 + 1e-9);
            if (config.Workload.MaxConcurrency is { } cap && result.Metrics.MaxConcurrentRequests is { } peak)
            {
                Assert.True(peak <= cap, $"{peak} requests in flight with a cap of {cap}.");
            }

            if (config.Deployment.Engine.BatchingPolicy == BatchingPolicy.Static)
            {
                Assert.Equal(0, result.Engine.Preemptions);
            }
        }, iter: 200, print: Describe);
    }

    [Fact]
    public void SameConfig_SameResult()
    {
        Configs.Sample(config =>
        {
            var first = Simulator.Run(config);
            var second = Simulator.Run(config);
            Assert.Equal(first.Requests, second.Requests);
            Assert.Equal(first.Metrics, second.Metrics);
            Assert.Equal(first.Engine.KvCacheUsageSeries, second.Engine.KvCacheUsageSeries);
            Assert.Equal(first.Engine with { KvCacheUsageSeries = [] }, second.Engine with { KvCacheUsageSeries = [] });
        }, iter: 100, print: Describe);
    }

    private static string Describe(SimulationConfig c) =>
        $"{c.Deployment.Label} {c.Deployment.Engine} blocks={c.KvCacheBlocks} router={c.Router} cap={c.Workload.MaxConcurrency} "
        + $"requests=[{string.Join(", ", c.Workload.Requests.Select(r => $"({r.ArrivalSeconds:0.###}, {r.InputTokens}, {r.OutputTokens})"))}]";

    private static SimulationConfig Build(
        int policy, int budget, int maxSeqs, bool chunked, int threshold, int longLimit, int blockSize, int blocks,
        int maxModelLength, int pp, int dp, int router, int cap, (double Gap, int Input, int Output)[] requests)
    {
        var engine = new EngineSettings
        {
            BatchingPolicy = (BatchingPolicy)policy,

            // vLLM requires a budget of at least max-model-len without chunked prefill.
            MaxNumBatchedTokens = chunked ? budget : Math.Max(budget, maxModelLength),
            MaxNumSeqs = maxSeqs,
            ChunkedPrefill = chunked,
            LongPrefillTokenThreshold = threshold,
            MaxLongPartialPrefills = longLimit == 0 ? null : longLimit,
            BlockSize = blockSize,
            MaxModelLength = maxModelLength,
        };
        var time = 0.0;
        var list = new WorkloadRequest[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            time += requests[i].Gap;
            list[i] = new WorkloadRequest(time, requests[i].Input, requests[i].Output);
        }

        return new SimulationConfig
        {
            Deployment = SimulationFactory.Deployment(pp: pp, dp: dp, engine: engine),
            CostModel = new LinearStepCostModel { Stages = pp, PerContextTokenSeconds = 1e-6, TransferSecondsEach = 0.0005 },
            Workload = Workload.Of(list, cap == 0 ? null : cap),
            KvCacheBlocks = blocks,
            Router = (RouterPolicy)router,
        };
    }
}
