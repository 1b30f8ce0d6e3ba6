namespace Fulcrum.Workloads.Traces;

/// <summary>
/// Requests read from a trace file, sorted by arrival, with arrival times in seconds from the first request.
/// </summary>
/// <param name="Name">The built-in name or the file path it was read from.</param>
public sealed record Trace(string Name, TraceFormat Format, IReadOnlyList<WorkloadRequest> Rows)
{
    /// <summary>Seconds from the first to the last arrival.</summary>
    public double SpanSeconds => Rows.Count == 0 ? 0 : Rows[^1].ArrivalSeconds;
}
