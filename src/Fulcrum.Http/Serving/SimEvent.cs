using Fulcrum.Metrics;

namespace Fulcrum.Http.Serving;

/// <summary>A token or the end of one request, as the simulation produced it.</summary>
/// <param name="Generated">Output tokens sampled so far, this one included.</param>
/// <param name="TimeSeconds">Simulated time of the event, seconds from the engine's start (the wall clock follows it).</param>
/// <param name="Ended">How the request ended; null for a token.</param>
public readonly record struct SimEvent(int Generated, double TimeSeconds, RequestOutcome? Ended);
