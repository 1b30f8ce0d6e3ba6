using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Simulation;

/// <summary>Builders for simulator tests: a small deployment, request lists and configs with a linear step-cost model.</summary>
internal static class SimulationFactory
{
    public static Deployment Deployment(int tp = 1, int pp = 1, int dp = 1, EngineSettings? engine = null) =>
        Fulcrum.Specs.Deployments.Deployment.Create(
            ModelCatalog.Resolve("Llama-3.1-8B"),
            ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")),
            tp,
            pp,
            dp,
            engine: engine ?? new EngineSettings { MaxModelLength = 32768 });

    /// <summary><paramref name="count"/> requests of the same sizes sent at <paramref name="gapSeconds"/> intervals from 0.</summary>
    public static Workload Uniform(int count, int input, int output, double gapSeconds = 0, int? maxConcurrency = null) =>
        Workload.Of(Enumerable.Range(0, count).Select(i => new WorkloadRequest(i * gapSeconds, input, output)).ToArray(), maxConcurrency);

    public static SimulationConfig Config(
        Workload workload,
        EngineSettings? engine = null,
        LinearStepCostModel? model = null,
        long? kvBlocks = 100_000,
        int pp = 1,
        int dp = 1,
        RouterPolicy router = RouterPolicy.RoundRobin,
        SloThresholds? slo = null,
        bool timeline = false) => new()
        {
            Deployment = Deployment(pp: pp, dp: dp, engine: engine ?? new EngineSettings { MaxModelLength = 32768 }),
            CostModel = model ?? new LinearStepCostModel { Stages = pp },
            Workload = workload,
            KvCacheBlocks = kvBlocks,
            Router = router,
            Slo = slo,
            RecordTimeline = timeline,
        };

    public static SimulationResult Run(SimulationConfig config) => Simulator.Run(config);
}
