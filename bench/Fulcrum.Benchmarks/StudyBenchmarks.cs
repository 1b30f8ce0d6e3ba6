using BenchmarkDotNet.Attributes;
using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;
using Fulcrum.Study;

namespace Fulcrum.Benchmarks;

/// <summary>
/// Static-batch points of the default study (Llama-3.1-70B on 8× MI300X, bf16): one mid-grid point, the largest
/// point, and every point of one split's grid (5 input × 3 output lengths × 9 batch sizes), one thread.
/// </summary>
[MemoryDiagnoser]
public class StudyBenchmarks
{
    private readonly StudySplit split;
    private readonly IStepCostModel costModel;

    public StudyBenchmarks()
    {
        var model = ModelCatalog.Resolve("Llama-3.1-70B");
        var cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X"));
        var engine = new EngineSettings { MaxModelLength = 128 + 128 };
        var deployment = Deployment.Create(model, cluster, 4, 2, 1, WeightPrecision.Bf16, KvCachePrecision.Bf16, engine);
        split = new StudySplit(deployment, MemoryPlanner.Plan(deployment));
        costModel = new StepCostModel(deployment);
    }

    /// <summary>64 requests of 2,048 + 512 tokens on TP4×PP2: 16 prefill steps and about 512 decode steps.</summary>
    [Benchmark]
    public double MidGridPoint() => StaticBatchRun.Run(split, costModel, 2048, 512, 64).Run!.OutputThroughput;

    /// <summary>256 requests of 128 + 2,048 tokens: the most sequence-steps of any point of the grid.</summary>
    [Benchmark]
    public double LargestPoint() => StaticBatchRun.Run(split, costModel, 128, 2048, 256).Run!.OutputThroughput;

    /// <summary>The 135 points of one split, skipping those over the KV cache as the study does.</summary>
    [Benchmark]
    public int OneSplitGrid()
    {
        var run = 0;
        foreach (var input in StudyOptions.DefaultInputLengths)
        {
            foreach (var output in StudyOptions.DefaultOutputLengths)
            {
                var largest = split.LargestBatch(input, output);
                foreach (var batch in StudyOptions.DefaultBatchSizes.Where(b => b <= largest))
                {
                    StaticBatchRun.Run(split, costModel, input, output, batch);
                    run++;
                }
            }
        }

        return run;
    }
}
