namespace Fulcrum.Http.Client;

/// <summary>Why a benchmark request failed.</summary>
public enum ErrorKind
{
    /// <summary>Connecting failed, or the connection dropped before the stream ended.</summary>
    Connection,

    /// <summary>The request ran past its time limit (a stalled stream ends here).</summary>
    Timeout,

    /// <summary>The server responded with a status other than 2xx.</summary>
    HttpStatus,

    /// <summary>A 200 stream carried an error object, before or after some tokens.</summary>
    ErrorEvent,

    /// <summary>The body was not a server-sent event stream of JSON chunks, or ended inside an event.</summary>
    MalformedStream,

    /// <summary>The stream ended normally without any generated text.</summary>
    EmptyOutput,
}
