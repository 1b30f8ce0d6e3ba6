using Fulcrum.Specs.Deployments;

namespace Fulcrum.Planning;

/// <summary>Runs one deployment under the plan's workload and summarizes it. Implementations must be thread-safe.</summary>
public interface IServingEvaluator
{
    /// <summary>Simulates <paramref name="deployment"/> at <paramref name="requestRate"/> requests/s, or offline when null.</summary>
    RunSummary Evaluate(Deployment deployment, double? requestRate);

    /// <summary>The workload's own mean arrival rate, requests/s, or null when it has none (offline, fixed concurrency).</summary>
    double? NaturalRate { get; }
}
