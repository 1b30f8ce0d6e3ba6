using System.Runtime;

namespace Fulcrum.Http.Load;

/// <summary>
/// Defers the client's garbage collections while a run is measured, through a no-GC region
/// (<see cref="GC.TryStartNoGCRegion(long)"/>) of a fixed allocation budget, and counts the collections
/// that happened anyway. A collection stops every thread of the client, so every token that arrives
/// meanwhile gets the pause added to its measured time. With 2,000 open streams one collection took
/// 10 to 25 ms on a 2-core machine (docs/BENCHMARKS.md).
/// </summary>
/// <remarks>
/// A run that allocates more than the budget gets a collection at that point. The runtime then leaves
/// the no-GC region, and collections run as usual. The region belongs to the process, so a scope that
/// starts while another is active runs without one.
/// </remarks>
public sealed class NoGCRegionScope : IDisposable
{
    /// <summary>
    /// Allocation budget of a run: the streaming client allocates about 14 KB per short request, so this
    /// covers about 18,000 of them.
    /// </summary>
    public const long DefaultBudgetBytes = 256L * 1024 * 1024;

    private readonly bool _started;
    private readonly int _collectionsAtStart;
    private readonly TimeSpan _pauseAtStart;
    private int _collectionsAtEnd;
    private TimeSpan _pauseAtEnd;
    private bool _disposed;

    private NoGCRegionScope(bool started)
    {
        _started = started;
        _collectionsAtStart = GC.CollectionCount(0);
        _pauseAtStart = GC.GetTotalPauseDuration();
    }

    /// <summary>Whether the no-GC region started; false when the runtime refused the budget or one was active.</summary>
    public bool Started => _started;

    /// <summary>Collections of any generation since the scope started, up to its disposal.</summary>
    public int Collections => (_disposed ? _collectionsAtEnd : GC.CollectionCount(0)) - _collectionsAtStart;

    /// <summary>Time the process was paused by those collections.</summary>
    public TimeSpan Pause => (_disposed ? _pauseAtEnd : GC.GetTotalPauseDuration()) - _pauseAtStart;

    /// <summary>
    /// Starts a no-GC region of <paramref name="budgetBytes"/>; 0 starts none and only counts collections.
    /// Starting one collects first, so call it before the measured work.
    /// </summary>
    public static NoGCRegionScope Enter(long budgetBytes = DefaultBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        var started = false;
        if (budgetBytes > 0 && GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            try
            {
                started = GC.TryStartNoGCRegion(budgetBytes);
            }
            catch (ArgumentOutOfRangeException)
            {
                // The budget exceeds what this runtime allows (a heap hard limit, a 32-bit process).
            }
            catch (InvalidOperationException)
            {
                // Another scope started a region after the check.
            }
        }

        return new NoGCRegionScope(started);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _collectionsAtEnd = GC.CollectionCount(0);
        _pauseAtEnd = GC.GetTotalPauseDuration();
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The budget ran out, or an induced collection ended the region first.
            }
        }
    }
}
