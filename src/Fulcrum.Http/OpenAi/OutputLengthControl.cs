namespace Fulcrum.Http.OpenAi;

/// <summary>
/// Non-standard request fields that make a server generate exactly <c>max_tokens</c> tokens, so the
/// output length follows the workload instead of where the model happens to stop. Send only what the
/// server accepts: vLLM takes both; SGLang takes <c>ignore_eos</c>; OpenAI's own API, TGI and Ollama
/// take neither and may reject unknown fields.
/// </summary>
[Flags]
public enum OutputLengthControl
{
    None = 0,

    /// <summary><c>"ignore_eos": true</c>: keep generating past the end-of-sequence token.</summary>
    IgnoreEos = 1,

    /// <summary><c>"min_tokens": max_tokens</c>: forbid stopping before the requested length.</summary>
    MinTokens = 2,
}
