using BenchmarkDotNet.Attributes;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Benchmarks;

/// <summary>Memory fit of every split of an 8-GPU node: the work behind one <c>fulcrum fit</c>.</summary>
[MemoryDiagnoser]
public class FitBenchmarks
{
    private readonly ModelArchitecture model = ModelCatalog.Resolve("Llama-3.1-405B");
    private readonly ClusterSpec cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X"));

    [Benchmark]
    public int AnalyzeEightGpus() =>
        FitAnalyzer.Analyze(model, cluster, WeightPrecision.Bf16, KvCachePrecision.Bf16, new EngineSettings()).Count(r => r.Fits);
}
