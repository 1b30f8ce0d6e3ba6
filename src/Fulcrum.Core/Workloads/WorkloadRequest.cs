namespace Fulcrum.Workloads;

/// <summary>One request of a workload or trace: when the client means to send it (seconds from the start) and its sizes.</summary>
public readonly record struct WorkloadRequest(double ArrivalSeconds, int InputTokens, int OutputTokens);
