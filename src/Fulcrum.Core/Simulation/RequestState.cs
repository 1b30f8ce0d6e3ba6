using Fulcrum.Metrics;

namespace Fulcrum.Simulation;

/// <summary>Where a request is in its life inside the simulator.</summary>
internal enum RequestPhase : byte
{
    /// <summary>Not yet sent by the client.</summary>
    Pending,

    /// <summary>In a replica's waiting queue: new, or preempted and waiting to recompute.</summary>
    Waiting,

    /// <summary>Admitted: holds KV blocks and is scheduled step after step.</summary>
    Running,

    /// <summary>Completed, rejected or aborted.</summary>
    Finished,
}

/// <summary>
/// Mutable state of one request, kept in one array for the whole run so a step touches no heap object per
/// sequence. Token accounting follows vLLM V1. A request has <see cref="Tokens"/> tokens (prompt plus the outputs
/// sampled so far), and the KV cache contains <see cref="Computed"/> of them. A step that brings
/// <see cref="Computed"/> up to <see cref="Tokens"/> samples the next output token; a decode is the one-token case.
/// Times are seconds of simulated time; NaN marks one that has not happened.
/// </summary>
internal struct RequestState
{
    public int InputTokens;
    public int OutputTokens;

    /// <summary>Tokens whose keys and values are in the KV cache; 0 again after a preemption.</summary>
    public int Computed;

    /// <summary>Output tokens sampled so far; kept across preemptions.</summary>
    public int Generated;

    /// <summary>KV blocks the request holds.</summary>
    public int Blocks;

    public int Replica;
    public int Preemptions;
    public RequestPhase Phase;

    /// <summary>Whether the request is part of a micro-batch still in the pipeline, so no other batch may take it.</summary>
    public bool InFlight;

    /// <summary>Whether the request was aborted while in flight; it ends when that micro-batch leaves the pipeline.</summary>
    public bool Aborting;

    public RequestOutcome Outcome;
    public double Scheduled;
    public double Arrival;
    public double Start;
    public double FirstToken;
    public double LastToken;
    public double End;

    public readonly int Tokens => InputTokens + Generated;

    /// <summary>Whether the next step for this request is a decode: it has output and only its last token lacks KV.</summary>
    public readonly bool IsDecode => Generated > 0 && Tokens - Computed == 1;

    /// <summary>Maximum KV tokens of the request: prompt plus output minus the last sampled token, which is never fed back.</summary>
    public readonly int PeakKvTokens => InputTokens + OutputTokens - 1;
}
