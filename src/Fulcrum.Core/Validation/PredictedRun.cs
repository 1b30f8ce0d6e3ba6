using Fulcrum.Metrics;
using Fulcrum.Simulation;

namespace Fulcrum.Validation;

/// <summary>
/// The figures of a simulated run that measurements are compared with: duration, token counts and latency
/// statistics in seconds. Built from a full simulation, or by re-pricing a recorded schedule during a fit.
/// </summary>
public sealed record PredictedRun
{
    /// <summary>From the start of the run to the end of the last request, seconds.</summary>
    public required double DurationSeconds { get; init; }

    public required int Requests { get; init; }

    public required int Completed { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required LatencySummary? Ttft { get; init; }

    public required LatencySummary? Tpot { get; init; }

    public required LatencySummary? Itl { get; init; }

    public required LatencySummary? E2el { get; init; }

    public static PredictedRun From(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Metrics;
        return new PredictedRun
        {
            DurationSeconds = m.DurationSeconds,
            Requests = m.Requests,
            Completed = m.Completed,
            InputTokens = m.TotalInputTokens,
            OutputTokens = m.TotalOutputTokens,
            Ttft = m.Ttft,
            Tpot = m.Tpot,
            Itl = m.Itl,
            E2el = m.E2el,
        };
    }
}
