namespace Fulcrum.Http.Client;

/// <summary>Where a request's output token count comes from, most trustworthy first.</summary>
public enum TokenCountSource
{
    /// <summary>The server's <c>usage.completion_tokens</c>.</summary>
    Usage,

    /// <summary>The client's tokenizer over the streamed text: close, but re-tokenizing text can differ from the tokens generated.</summary>
    Tokenizer,

    /// <summary>One token per chunk with text: approximate, low when a server packs several tokens into a chunk.</summary>
    Chunks,
}
