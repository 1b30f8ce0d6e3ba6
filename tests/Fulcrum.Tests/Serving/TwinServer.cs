using Fulcrum.Http.Serving;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;

namespace Fulcrum.Tests.Serving;

/// <summary>Starts serve-sim's server on 127.0.0.1 with a free port: Llama-3.1-70B on 8 H100s at TP8, logging off.</summary>
internal static class TwinServer
{
    public const string Model = "Llama-3.1-70B";

    public static Deployment Deployment() =>
        Fulcrum.Specs.Deployments.Deployment.Create(ModelCatalog.Resolve(Model), ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")), 8, 1, 1);

    public static Task<SimServer> StartAsync(params string[] faultRates)
    {
        var deployment = Deployment();
        return SimServer.StartAsync(
            new SimServerOptions
            {
                Deployment = deployment,
                CostModel = new StepCostModel(deployment),
                Port = 0,
                FaultRates = faultRates.Select(f => FaultRate.Parse(f, "--fault")).ToList(),
            },
            configureLogging: _ => { });
    }
}
