namespace Fulcrum.Http.Client;

/// <summary>State of a benchmark request: pending, or how it ended.</summary>
public enum RequestStatus
{
    /// <summary>Not finished yet, or never sent.</summary>
    Pending,

    /// <summary>The stream delivered text and ended without an error.</summary>
    Succeeded,

    /// <summary>The request failed; <see cref="RequestRecord.Error"/> is the kind.</summary>
    Failed,

    /// <summary>The run was stopped (Ctrl-C, failure threshold) while the request was in flight.</summary>
    Cancelled,
}
