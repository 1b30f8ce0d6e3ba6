namespace Fulcrum.Http.Client;

/// <summary>
/// One request as metrics see it, in seconds from the start of the run, with nothing specific to HTTP:
/// the simulator produces the same shape, so one metrics module serves both.
/// </summary>
/// <param name="Index">Position in the workload.</param>
/// <param name="ScheduledS">When the workload wanted it sent.</param>
/// <param name="ArrivalS">When it was sent to the server (after any wait for a client concurrency slot).</param>
/// <param name="FirstTokenS">First generated text; null when none arrived.</param>
/// <param name="EndS">Last byte, failure or cancellation; null if it never ended.</param>
/// <param name="InputTokens">Prompt tokens: the server's count, else the client's expectation.</param>
/// <param name="OutputTokens">Output tokens; null when nothing was generated.</param>
/// <param name="Outcome">Whether the request succeeded.</param>
/// <param name="TokenTimesS">Each output token's time.</param>
public sealed record RequestTimeline(
    int Index,
    double ScheduledS,
    double ArrivalS,
    double? FirstTokenS,
    double? EndS,
    int? InputTokens,
    int? OutputTokens,
    RequestOutcome Outcome,
    IReadOnlyList<double> TokenTimesS);
