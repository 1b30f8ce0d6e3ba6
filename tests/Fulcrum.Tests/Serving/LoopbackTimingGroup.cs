namespace Fulcrum.Tests.Serving;

/// <summary>
/// Tests that start serve-sim's real-time engine. They run alone, after the parallel tests, because on a 2-core
/// machine concurrent tests delay tokens by tens of milliseconds, and these tests would disturb other timing tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoopbackTimingGroup
{
    public const string Name = "Loopback timing";
}
