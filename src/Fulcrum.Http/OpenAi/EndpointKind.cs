namespace Fulcrum.Http.OpenAi;

/// <summary>Which OpenAI-compatible route a benchmark request goes to.</summary>
public enum EndpointKind
{
    /// <summary><c>POST /v1/completions</c>: a raw prompt, the output streams as <c>choices[].text</c>.</summary>
    Completions,

    /// <summary><c>POST /v1/chat/completions</c>: the prompt as one user message, the output streams as <c>choices[].delta</c>.</summary>
    Chat,
}
