namespace Fulcrum.Simulation;

/// <summary>One step's work on one pipeline stage of one replica, for timeline views; times in simulated seconds.</summary>
/// <param name="PrefillTokens">New prompt tokens of the step's prefill chunks.</param>
/// <param name="DecodeSequences">Sequences decoding one token each.</param>
/// <param name="KvCacheUsage">Fraction of the replica's KV blocks in use when the step was scheduled.</param>
public readonly record struct StageSpan(
    int Replica,
    int Stage,
    long Step,
    double StartSeconds,
    double EndSeconds,
    long PrefillTokens,
    int PrefillSequences,
    int DecodeSequences,
    double KvCacheUsage);
