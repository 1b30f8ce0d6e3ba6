namespace Fulcrum.Reports.Comparison;

/// <summary>The simulation behind a prediction that <c>fulcrum compare</c> made itself.</summary>
/// <param name="Configuration">The deployment simulated and where it came from, e.g. the plan's recommended configuration.</param>
/// <param name="Workload">The requests simulated and where they came from.</param>
public sealed record SimulatedRun(string Configuration, string Workload);
