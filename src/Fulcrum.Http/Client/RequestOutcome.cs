namespace Fulcrum.Http.Client;

/// <summary>How a benchmark request ended.</summary>
public enum RequestOutcome
{
    /// <summary>Not finished yet, or never sent.</summary>
    Pending,

    /// <summary>The stream delivered text and ended without an error.</summary>
    Succeeded,

    /// <summary>The request failed; <see cref="RequestRecord.Error"/> says how.</summary>
    Failed,

    /// <summary>The run was stopped (Ctrl-C, failure threshold) while the request was in flight.</summary>
    Cancelled,
}
