using BenchmarkDotNet.Attributes;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Workloads;

namespace Fulcrum.Benchmarks;

/// <summary>
/// One whole simulation: Llama-3.1-70B at TP8 on 8× MI300X (vLLM V1 defaults), prompts of 1,024 tokens, outputs of
/// 256, Poisson arrivals at 90% of the deployment's capacity. The target is 100,000 requests in at most 2 s on one
/// core. The three sizes show whether the cost grows linearly with the request count.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private SimulationConfig config = null!;

    [Params(25_000, 50_000, 100_000)]
    public int Requests { get; set; }

    /// <summary>Offered load, requests/s: 90% of the saturated throughput of an offline run.</summary>
    public double RequestRate { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var deployment = Deployment.Create(ModelCatalog.Resolve("Llama-3.1-70B"), ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")), 8, 1);
        var model = new StepCostModel(deployment);
        var spec = new WorkloadSpec
        {
            NumPrompts = 5_000,
            InputLength = new LengthDistribution.Fixed(1024),
            OutputLength = new LengthDistribution.Fixed(256),
        };

        // Capacity: the request throughput when every request is queued at once, so the engine never idles.
        var offline = Simulator.Run(new SimulationConfig { Deployment = deployment, CostModel = model, Workload = spec.Generate() });
        RequestRate = 0.9 * offline.Metrics.RequestThroughput!.Value;
        var workload = (spec with { NumPrompts = Requests, Arrival = new ArrivalProcess.Rate(RequestRate), Seed = 1 }).Generate();
        config = new SimulationConfig { Deployment = deployment, CostModel = model, Workload = workload };
        Console.WriteLine($"// Capacity {offline.Metrics.RequestThroughput:0.00} req/s; offered {RequestRate:0.00} req/s");
    }

    [Benchmark]
    public double Simulate() => Simulator.Run(config).Metrics.DurationSeconds;
}
