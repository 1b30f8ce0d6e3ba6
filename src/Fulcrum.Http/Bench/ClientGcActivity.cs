namespace Fulcrum.Http.Bench;

/// <summary>
/// The benchmark client's garbage collections during one run. Each one paused the client, and every token that
/// arrived meanwhile had the pause added to its measured time.
/// </summary>
/// <param name="Collections">Collections of any generation.</param>
/// <param name="PauseMilliseconds">Total time the client was paused by them.</param>
/// <param name="NoGCRegion">Whether the run started inside a no-GC region (<see cref="Load.NoGCRegionScope"/>).</param>
/// <param name="BudgetBytes">The region's requested allocation budget; 0 when none was requested.</param>
public sealed record ClientGcActivity(int Collections, double PauseMilliseconds, bool NoGCRegion, long BudgetBytes);
