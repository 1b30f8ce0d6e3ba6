namespace Fulcrum.Http.Load;

/// <summary>How the load driver paces and stops a run.</summary>
public sealed class LoadOptions
{
    /// <summary>
    /// Requests in flight at most; a due request waits in the client for a slot, and that wait is
    /// recorded apart from server latency. Null sets no limit. With every offset at zero this is a
    /// closed loop of fixed concurrency.
    /// </summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Stop sending once more than this many requests have failed; null never stops.</summary>
    public int? MaxFailures { get; init; }

    /// <summary>After a stop, how long in-flight requests may finish before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
