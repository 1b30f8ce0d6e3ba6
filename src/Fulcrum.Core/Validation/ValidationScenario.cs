namespace Fulcrum.Validation;

/// <summary>How a measured run sent its requests, which decides the simulation that reproduces it.</summary>
public enum ValidationScenario
{
    /// <summary>A batch of identical requests sent at once and run to completion (<c>static-batch</c> and <c>latency</c> rows).</summary>
    StaticBatch,

    /// <summary>Every prompt sent at once to a continuously batching engine (<c>offline</c> rows).</summary>
    Offline,

    /// <summary>A client at a fixed concurrency or request rate (<c>server</c> rows).</summary>
    Serving,
}
