namespace Fulcrum.Http.Load;

/// <summary>What the readiness check found.</summary>
/// <param name="Ready">Whether the server returned 200 on <c>/v1/models</c> or <c>/health</c> in time.</param>
/// <param name="ModelIds">The ids under <c>/v1/models</c>; null when only <c>/health</c> responded.</param>
/// <param name="Attempts">Probes sent.</param>
/// <param name="LastError">Why the last probe failed, when not ready.</param>
public sealed record Readiness(bool Ready, IReadOnlyList<string>? ModelIds, int Attempts, string? LastError)
{
    /// <summary>
    /// Whether the server returned 404 for both routes. It is up but the URL's path is wrong, so waiting longer
    /// would not help.
    /// </summary>
    public bool RoutesNotFound { get; init; }
}
