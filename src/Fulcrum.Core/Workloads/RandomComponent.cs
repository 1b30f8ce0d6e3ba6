namespace Fulcrum.Workloads;

/// <summary>The independent random components of a workload; each draws from its own <see cref="SeededRandom"/>.</summary>
public enum RandomComponent
{
    Arrivals = 1,
    InputLengths = 2,
    OutputLengths = 3,
}
