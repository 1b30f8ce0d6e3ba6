using System.Diagnostics;
using Fulcrum.Http.Client;
using Fulcrum.Metrics;

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

    /// <summary>
    /// Computes the run's serving metrics with the module the simulator uses, over the requests that
    /// ended (requests cancelled by a stop are left out).
    /// </summary>
    /// <param name="gpus">GPUs behind the endpoint, for per-GPU rates; null when unknown.</param>
    /// <param name="slo">Goodput objectives; null for no goodput.</param>
    /// <param name="reportClientQueue">Whether to report the time requests waited in the client before being sent.</param>
    public ServingMetrics ComputeMetrics(int? gpus, SloThresholds? slo, bool reportClientQueue)
    {
        var tokens = new TokenLog();
        foreach (var record in Records)
        {
            record.AddTokensTo(tokens, StartTimestamp);
        }

        return MetricsCalculator.Compute(ToTimelines(), tokens, gpus, slo, reportClientQueue);
    }

    /// <summary>The ended requests as the metrics module's timelines, in workload order.</summary>
    public IReadOnlyList<RequestTimeline> ToTimelines() =>
        Records.Select(r => r.ToTimeline(StartTimestamp)).OfType<RequestTimeline>().ToList();
}
