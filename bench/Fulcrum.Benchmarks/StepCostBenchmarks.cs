using BenchmarkDotNet.Attributes;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;

namespace Fulcrum.Benchmarks;

/// <summary>
/// Pricing one engine step: the call the serving simulator makes millions of times. The batch is a mixed step of
/// 256 sequences (248 decodes at contexts 1,024 to 8,191 plus 8 prefill chunks of 512 tokens) for Llama-3.1-70B at TP8.
/// </summary>
[MemoryDiagnoser]
public class StepCostBenchmarks
{
    private StepCostModel mi300x = null!;
    private StepCostModel h100Pipeline = null!;
    private StepBatch mixed;

    [GlobalSetup]
    public void Setup()
    {
        var model = ModelCatalog.Resolve("Llama-3.1-70B");
        var engine = new EngineSettings { MaxModelLength = 16384 };
        mi300x = new StepCostModel(Deployment.Create(model, ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")), 8, 1, engine: engine));
        h100Pipeline = new StepCostModel(Deployment.Create(model, ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")), 4, 2, engine: engine));
        for (var i = 0; i < 248; i++)
        {
            mixed.AddDecode(1024 + (i * 29));
        }

        for (var i = 0; i < 8; i++)
        {
            mixed.AddPrefill(512, i * 512, completesPrompt: i % 2 == 0);
        }
    }

    /// <summary>One stage, TP8: the target is at least 1 million per second on one core.</summary>
    [Benchmark(Baseline = true)]
    public double MixedStep256Tp8() => mi300x.PriceStage(mixed, 0).TotalSeconds;

    /// <summary>Both stages and the transfer of a TP4 × PP2 deployment.</summary>
    [Benchmark]
    public double MixedStep256Tp4Pp2() =>
        h100Pipeline.PriceStage(mixed, 0).TotalSeconds + h100Pipeline.TransferSeconds(mixed, 0) + h100Pipeline.PriceStage(mixed, 1).TotalSeconds;
}
