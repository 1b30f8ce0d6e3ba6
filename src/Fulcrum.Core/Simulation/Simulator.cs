using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Simulation;

/// <summary>
/// Discrete-event simulator of a serving deployment: a client sends the workload, a router spreads it over DP
/// replicas, and each replica batches, pages its KV cache and pipelines steps under the engine settings. The
/// step-cost model prices every step. Deterministic: the same config gives the same result to the bit.
/// </summary>
public static class Simulator
{
    /// <summary>Runs one simulation; throws <see cref="InputException"/> when the deployment is invalid or does not fit.</summary>
    public static SimulationResult Run(SimulationConfig config)
    {
        var deployment = config.Deployment;
        var problems = DeploymentValidator.Validate(deployment);
        if (problems.Count > 0)
        {
            throw new InputException($"Deployment {deployment.Label} is invalid: {string.Join(" ", problems.Select(p => p.Message))}");
        }

        if (config.CostModel.Stages != deployment.Pp)
        {
            throw new ArgumentException($"The step-cost model prices {config.CostModel.Stages} stages but the deployment has PP={deployment.Pp}.", nameof(config));
        }

        var blocks = config.KvCacheBlocks ?? KvBlocksFromMemoryPlan(deployment);
        if (blocks < 0)
        {
            throw new ArgumentException($"KV cache blocks must not be negative; got {blocks}.", nameof(config));
        }

        var run = new SimulationRun(config, blocks);
        run.Run();
        return run.ToResult(config, blocks);
    }

    private static long KvBlocksFromMemoryPlan(Deployment deployment)
    {
        var plan = MemoryPlanner.Plan(deployment);
        if (!plan.Fits)
        {
            throw new InputException($"{deployment.Model.Name} {deployment.Label} on {deployment.Accelerator.Name} does not fit: {plan.FailureReason}.");
        }

        return plan.KvCacheBlocks;
    }
}
