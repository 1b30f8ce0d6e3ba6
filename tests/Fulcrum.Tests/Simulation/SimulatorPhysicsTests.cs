using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Simulation;

/// <summary>The simulator driven by the real step-cost model: its latencies must be sums of the model's step prices.</summary>
public class SimulatorPhysicsTests
{
    private static readonly ModelArchitecture Llama70B = ModelCatalog.Resolve("Llama-3.1-70B");

    [Fact]
    public void OneRequest_LatenciesAreStepPrices()
    {
        // Llama-3.1-70B at TP8 on MI300X: the first token comes after one prefill step of the 1,024-token prompt,
        // and each of the 63 later tokens after one decode step whose context grows from 1,025 to 1,087.
        var deployment = Deployment.Create(Llama70B, ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")), 8, 1, engine: new EngineSettings { MaxModelLength = 8192 });
        var model = new StepCostModel(deployment);
        var result = Simulator.Run(new SimulationConfig { Deployment = deployment, CostModel = model, Workload = Workload.Of([new WorkloadRequest(0, 1024, 64)]) });

        var prefill = StepBatch.Prefill(1, 1024);
        var ttft = model.PriceStage(prefill, 0).TotalSeconds;
        var decodes = Enumerable.Range(1, 63).Sum(k => model.PriceStage(StepBatch.Decode(1, 1024 + k), 0).TotalSeconds);
        var request = Assert.Single(result.Requests);
        Assert.Equal(ttft, request.Ttft!.Value, 12);
        Assert.Equal(decodes, request.EndSeconds - request.FirstTokenSeconds!.Value, 12);

        // Plausibility of the model itself: a 70B prefill of 1,024 tokens on 8 GPUs takes tens of milliseconds,
        // and a single-sequence decode step reads 141 GB of bf16 weights over 8 × 5.3 TB/s, at least 3.3 ms.
        Assert.InRange(ttft, 0.02, 0.2);
        Assert.InRange(decodes / 63, 0.0033, 0.03);
    }

    [Fact]
    public void PipelineOneRequest_TtftAddsStagesAndTransfer()
    {
        var deployment = Deployment.Create(Llama70B, ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")), 4, 2, engine: new EngineSettings { MaxModelLength = 8192 });
        var model = new StepCostModel(deployment);
        var result = Simulator.Run(new SimulationConfig { Deployment = deployment, CostModel = model, Workload = Workload.Of([new WorkloadRequest(0, 2000, 2)]) });

        var prefill = StepBatch.Prefill(1, 2000);
        var expected = model.PriceStage(prefill, 0).TotalSeconds + model.TransferSeconds(prefill, 0) + model.PriceStage(prefill, 1).TotalSeconds;
        Assert.Equal(expected, result.Requests[0].Ttft!.Value, 12);
        Assert.True(result.Engine.BusyTime.PointToPointSeconds > 0);
        Assert.True(result.Engine.BubbleFraction > 0.4);
    }

    [Fact]
    public void Saturation_FillsBatchesAndRaisesThroughput()
    {
        // All requests at once keep max-num-seqs (256) sequences decoding: far more tokens per second than one
        // request alone, at a higher TPOT.
        var deployment = Deployment.Create(Llama70B, ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")), 8, 1, engine: new EngineSettings { MaxModelLength = 8192 });
        var model = new StepCostModel(deployment);
        SimulationResult Run(int count) => Simulator.Run(new SimulationConfig
        {
            Deployment = deployment,
            CostModel = model,
            Workload = new WorkloadSpec { NumPrompts = count, InputLength = new LengthDistribution.Fixed(512), OutputLength = new LengthDistribution.Fixed(256) }.Generate(),
        });

        var single = Run(1);
        var full = Run(1024);
        Assert.True(full.Engine.MeanDecodeBatchSequences > 200, $"Mean decode batch {full.Engine.MeanDecodeBatchSequences}.");
        Assert.True(full.Metrics.OutputThroughput > 20 * single.Metrics.OutputThroughput);
        Assert.True(full.Metrics.Tpot!.Median > single.Metrics.Tpot!.Median);
    }
}
