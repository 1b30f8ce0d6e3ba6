namespace Fulcrum.Tests;

/// <summary>
/// Tests that start a server on loopback and check wall-clock timing. xunit runs this collection on its own,
/// after the parallel ones, so CPU-heavy tests on the same 2 cores cannot stretch the measured latencies.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoopbackTimingGroup
{
    public const string Name = "Loopback timing";
}
