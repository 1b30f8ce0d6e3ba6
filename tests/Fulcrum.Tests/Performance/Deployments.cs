using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

/// <summary>Deployments and cost models the performance tests share.</summary>
internal static class Deployments
{
    public static Deployment Make(string model, string gpu, int tp, int pp, WeightPrecision weights = WeightPrecision.Bf16, KvCachePrecision kv = KvCachePrecision.Bf16, int gpus = 8, int nodes = 1) =>
        Deployment.Create(
            ModelCatalog.Resolve(model),
            ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve(gpu), gpus, nodes),
            tp,
            pp,
            weights: weights,
            kvCache: kv,
            engine: new EngineSettings { MaxModelLength = 8192 });

    public static StepCostModel Model(string model, string gpu, int tp, int pp, WeightPrecision weights = WeightPrecision.Bf16, KvCachePrecision kv = KvCachePrecision.Bf16) =>
        new(Make(model, gpu, tp, pp, weights, kv));
}
