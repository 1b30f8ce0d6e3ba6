namespace Fulcrum.Http.OpenAi;

/// <summary>What every request of a run shares: route, served model name and the optional fields to send.</summary>
/// <param name="Endpoint">Completions or chat completions.</param>
/// <param name="ModelName">The <c>model</c> field, as the server lists it under <c>/v1/models</c>.</param>
/// <param name="LengthControl">Fields that pin the output length to <c>max_tokens</c>.</param>
/// <param name="ContinuousUsageStats">
/// Ask for <c>stream_options.continuous_usage_stats</c> (vLLM): a usage object in every chunk, which
/// gives the exact token count of each chunk. Other servers ignore or reject it.
/// </param>
public sealed record RequestSettings(
    EndpointKind Endpoint,
    string ModelName,
    OutputLengthControl LengthControl = OutputLengthControl.None,
    bool ContinuousUsageStats = false)
{
    /// <summary>The route relative to the server's base address.</summary>
    public string Path => Endpoint == EndpointKind.Chat ? "v1/chat/completions" : "v1/completions";
}
