using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Workloads;
using Xunit.Abstractions;

namespace Fulcrum.Tests.Planning;

/// <summary>
/// The TP/PP trade-off for Llama-3.1-70B on 8× MI300X, checked against the physics of the step model and the
/// simulator rather than against published curves. docs/PLANNER.md discusses the outcome.
/// </summary>
public class TradeOffScenarioTests(ITestOutputHelper output)
{
    private static readonly (int Tp, int Pp)[] Splits = [(8, 1), (4, 2), (2, 4), (1, 8)];

    private static Deployment Llama70B(int tp, int pp, int maxSeqs) => Deployment.Create(
        ModelCatalog.Resolve("Llama-3.1-70B"),
        ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
        tp,
        pp,
        engine: new EngineSettings { MaxModelLength = 8192, MaxNumSeqs = maxSeqs, BatchingPolicy = BatchingPolicy.Static });

    private static SimulationResult StaticBatch(int tp, int pp, int batch, int input, int outputTokens)
    {
        var d = Llama70B(tp, pp, batch);
        var requests = Enumerable.Range(0, batch).Select(_ => new WorkloadRequest(0, input, outputTokens)).ToArray();
        return Simulator.Run(new SimulationConfig { Deployment = d, CostModel = new StepCostModel(d), Workload = Workload.Of(requests) });
    }

    [Fact]
    public void BatchOne_LowestTpotAtHighestTp()
    {
        var tpot = Splits.ToDictionary(s => s, s => StaticBatch(s.Tp, s.Pp, 1, 1024, 128).Metrics.Tpot!.Mean);
        foreach (var (split, value) in tpot)
        {
            output.WriteLine($"TP{split.Tp}×PP{split.Pp}: TPOT {value * 1000:F2} ms");
        }

        Assert.Equal((8, 1), tpot.MinBy(kv => kv.Value).Key);
    }

    [Fact]
    public void LargeBatch_PipelineMatchesTpWhenCollectivesDominate()
    {
        // Decode step of 256 sequences at context 1,152 on TP8: the share of TP collectives in the step.
        var tp8 = Llama70B(8, 1, 256);
        var cost = new StepCostModel(tp8).PriceStage(StepBatch.Decode(256, 1152), 0);
        var collectiveShare = cost.CollectiveSeconds / cost.TotalSeconds;
        var throughput = Splits.ToDictionary(s => s, s => StaticBatch(s.Tp, s.Pp, 256, 1024, 256).Metrics.OutputThroughput!.Value);
        output.WriteLine($"TP8 decode at batch 256: collectives {collectiveShare:P1} of the step; dominant bound {cost.DominantBound}");
        foreach (var (split, value) in throughput)
        {
            output.WriteLine($"TP{split.Tp}×PP{split.Pp}: {value:F0} output tokens/s");
        }

        var categories = new[] { cost.GemmComputeSeconds, cost.GemmMemorySeconds, cost.AttentionSeconds, cost.ElementwiseSeconds, cost.OverheadSeconds };
        if (cost.CollectiveSeconds >= categories.Max())
        {
            Assert.True(throughput.Where(kv => kv.Key.Pp > 1).Max(kv => kv.Value) >= throughput[(8, 1)]);
        }
        else
        {
            // Collectives do not dominate here, so TP8 needs no pipeline to keep up; it must then not lose to the
            // deepest pipeline, whose stages idle while one micro-batch of a static batch drains.
            Assert.True(throughput[(8, 1)] >= throughput[(1, 8)]);
        }
    }

    [Fact]
    public void AcrossNodes_PipelineBeatsTpWhenCollectivesDominate()
    {
        // Two nodes of 8× H100: TP16 runs every all-reduce over the 50 GB/s NICs, TP8×PP2 sends one activation
        // transfer per step across them instead.
        var model = ModelCatalog.Resolve("Llama-3.1-70B");
        var cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM"), 16, 2);
        var engine = new EngineSettings { MaxModelLength = 8192, MaxNumSeqs = 256, BatchingPolicy = BatchingPolicy.Static };
        var tp16 = Deployment.Create(model, cluster, 16, 1, engine: engine);
        var tp8pp2 = Deployment.Create(model, cluster, 8, 2, engine: engine);

        var cost = new StepCostModel(tp16).PriceStage(StepBatch.Decode(256, 1152), 0);
        var others = new[] { cost.GemmComputeSeconds, cost.GemmMemorySeconds, cost.AttentionSeconds, cost.ElementwiseSeconds, cost.OverheadSeconds };
        output.WriteLine($"TP16 decode at batch 256: collectives {cost.CollectiveSeconds / cost.TotalSeconds:P1} of the step");
        Assert.True(cost.CollectiveSeconds > others.Max(), "collectives should dominate a TP group that spans nodes");

        double Throughput(Deployment d)
        {
            var requests = Enumerable.Range(0, 256).Select(_ => new WorkloadRequest(0, 1024, 256)).ToArray();
            return Simulator.Run(new SimulationConfig { Deployment = d, CostModel = new StepCostModel(d), Workload = Workload.Of(requests) }).Metrics.OutputThroughput!.Value;
        }

        var viaTp = Throughput(tp16);
        var viaPp = Throughput(tp8pp2);
        output.WriteLine($"TP16: {viaTp:F0} tokens/s; TP8×PP2: {viaPp:F0} tokens/s");
        Assert.True(viaPp >= viaTp);
    }
}
