namespace Fulcrum.Http.Serving;

/// <summary>Faults the simulated endpoint injects on request, one per client error kind.</summary>
public enum FaultKind
{
    /// <summary>Answer with an HTTP error status (the argument, default 500) and a JSON error body.</summary>
    Status,

    /// <summary>Send an error event after the argument's number of tokens (default 1) in a 200 stream.</summary>
    ErrorEvent,

    /// <summary>Abort the connection after the argument's number of tokens (default 1).</summary>
    Drop,

    /// <summary>Stop sending after the argument's number of tokens (default 1) and hold the connection open.</summary>
    Stall,

    /// <summary>Wait the argument in milliseconds (default 100) before writing each token, so the lateness grows token by token.</summary>
    Slow,

    /// <summary>Send a data line that is not JSON after the argument's number of tokens (default 1).</summary>
    Malformed,

    /// <summary>End the stream normally without any generated text.</summary>
    Empty,
}
