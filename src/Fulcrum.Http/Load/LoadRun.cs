using System.Diagnostics;
using Fulcrum.Http.Client;

namespace Fulcrum.Http.Load;

/// <summary>What a run measured: one record per request sent, in workload order.</summary>
public sealed class LoadRun
{
    public LoadRun(IReadOnlyList<RequestRecord> records, int plannedCount, long startTimestamp, long endTimestamp, StopReason stopReason)
    {
        Records = records;
        PlannedCount = plannedCount;
        StartTimestamp = startTimestamp;
        EndTimestamp = endTimestamp;
        StopReason = stopReason;
    }

    public IReadOnlyList<RequestRecord> Records { get; }

    /// <summary>Requests in the workload; more than <see cref="Records"/> when the run stopped early.</summary>
    public int PlannedCount { get; }

    /// <summary>Start of the schedule (offset zero), in <see cref="Stopwatch"/> ticks.</summary>
    public long StartTimestamp { get; }

    /// <summary>When the last request ended or was cancelled.</summary>
    public long EndTimestamp { get; }

    public StopReason StopReason { get; }

    /// <summary>Whether the run ended before the workload did.</summary>
    public bool Interrupted => StopReason != StopReason.Completed;

    public double DurationSeconds => Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp).TotalSeconds;

    /// <summary>Each record as seconds from the run's start, for the metrics module.</summary>
    public IReadOnlyList<RequestTimeline> ToTimelines() => Records.Select(r => r.ToTimeline(StartTimestamp)).ToList();
}
