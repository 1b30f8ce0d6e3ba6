namespace Fulcrum.Performance;

/// <summary>What limits a step.</summary>
public enum Bound
{
    Compute,
    MemoryBandwidth,
    Communication,
    Overhead,
}
