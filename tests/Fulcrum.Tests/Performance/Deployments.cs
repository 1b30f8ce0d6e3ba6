using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
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

    /// <summary>A cost model with the accelerator's datasheet-derived profile, whose values the hand arithmetic in the tests uses.</summary>
    public static StepCostModel Model(string model, string gpu, int tp, int pp, WeightPrecision weights = WeightPrecision.Bf16, KvCachePrecision kv = KvCachePrecision.Bf16)
    {
        var deployment = Make(model, gpu, tp, pp, weights, kv);
        return new(deployment, HardwareProfiles.Datasheet(deployment.Accelerator));
    }
}
