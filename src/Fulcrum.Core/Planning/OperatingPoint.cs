namespace Fulcrum.Planning;

/// <summary>Which run of a candidate a frontier point comes from.</summary>
public enum LoadLevel
{
    LightLoad,
    AtCapacity,
    Saturated,
}

/// <summary>One candidate at one load: throughput per GPU against per-user latency and speed.</summary>
public sealed record OperatingPoint(
    int Candidate,
    LoadLevel Load,
    double OutputThroughputPerGpu,
    double? OutputTokensPerSecondPerUser,
    double? P99TtftMs);
