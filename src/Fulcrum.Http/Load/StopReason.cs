namespace Fulcrum.Http.Load;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>Every planned request was sent and finished.</summary>
    Completed,

    /// <summary>The caller cancelled (Ctrl-C): sending stopped and in-flight requests were drained.</summary>
    Interrupted,

    /// <summary>Failures passed <see cref="LoadOptions.MaxFailures"/>.</summary>
    FailureThreshold,
}
