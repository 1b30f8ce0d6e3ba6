namespace Fulcrum.Metrics;

/// <summary>
/// Timestamps and sizes of one request, in seconds from the start of the run: the input of every metric in
/// <see cref="MetricsCalculator"/>. Both the simulator and a live benchmark client can fill it.
/// </summary>
/// <param name="ScheduledSeconds">When the workload meant to send the request; earlier than the arrival only when a concurrency cap held it back.</param>
/// <param name="ArrivalSeconds">When the server received it; TTFT, E2E latency and queueing delay start here.</param>
/// <param name="StartSeconds">When the engine first put it into a step; null where unobservable (live clients) or never scheduled.</param>
/// <param name="FirstTokenSeconds">When its first output token was produced; null when none was.</param>
/// <param name="EndSeconds">When its last token was produced, or when it was rejected or failed.</param>
/// <param name="OutputTokens">Output tokens produced.</param>
public readonly record struct RequestTimeline(
    double ScheduledSeconds,
    double ArrivalSeconds,
    double? StartSeconds,
    double? FirstTokenSeconds,
    double EndSeconds,
    int InputTokens,
    int OutputTokens,
    RequestOutcome Outcome)
{
    public bool IsCompleted => Outcome == RequestOutcome.Completed;

    /// <summary>Time to first token: arrival to first token.</summary>
    public double? Ttft => FirstTokenSeconds - ArrivalSeconds;

    /// <summary>End-to-end latency: arrival to last token.</summary>
    public double E2el => EndSeconds - ArrivalSeconds;

    /// <summary>Time per output token after the first: (E2E − TTFT) / (output − 1); null for one-token outputs.</summary>
    public double? Tpot => OutputTokens > 1 && FirstTokenSeconds is { } first ? (EndSeconds - first) / (OutputTokens - 1) : null;

    /// <summary>Queueing delay: arrival to first scheduled step.</summary>
    public double? QueueingDelay => StartSeconds - ArrivalSeconds;

    /// <summary>Time the client held the request back under its concurrency cap.</summary>
    public double ClientQueueTime => ArrivalSeconds - ScheduledSeconds;
}
