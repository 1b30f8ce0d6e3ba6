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
        var blocks = PrepareKvBlocks(config.Deployment, config.CostModel, config.KvCacheBlocks);
        var run = new SimulationRun(config, blocks);
        run.Run();
        return run.ToResult(config, blocks);
    }

    /// <summary>Validates the deployment against the cost model and returns the KV blocks per replica.</summary>
    internal static long PrepareKvBlocks(Deployment deployment, Performance.IStepCostModel costModel, long? kvCacheBlocks)
    {
        var problems = DeploymentValidator.Validate(deployment);
        if (problems.Count > 0)
        {
            throw new InputException($"Deployment {deployment.Label} is invalid: {string.Join(" ", problems.Select(p => p.Message))}");
        }

        if (costModel.Stages != deployment.Pp)
        {
            throw new ArgumentException($"The step-cost model prices {costModel.Stages} stages but the deployment has PP={deployment.Pp}.", nameof(costModel));
        }

        var blocks = kvCacheBlocks ?? KvBlocksFromMemoryPlan(deployment);
        if (blocks < 0)
        {
            throw new ArgumentException($"KV cache blocks must not be negative; got {blocks}.", nameof(kvCacheBlocks));
        }

        return blocks;
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
