namespace Fulcrum.Http.OpenAi;

/// <summary>What a benchmark needs from one streamed chunk of a completion or chat completion.</summary>
public readonly record struct StreamChunk
{
    /// <summary>
    /// Bytes of generated text in the chunk as the JSON strings spell them (an escape counts as written):
    /// completion <c>text</c>, chat <c>content</c>, <c>reasoning_content</c> or <c>reasoning</c>. 0 when none.
    /// </summary>
    public int TextBytes { get; init; }

    /// <summary>The generated text, only when the reader was asked to capture it.</summary>
    public string? Text { get; init; }

    /// <summary>Entries in <c>choices</c>: 0 in the usage-only final chunk.</summary>
    public int ChoiceCount { get; init; }

    /// <summary>Whether a non-null <c>usage</c> object came with the chunk.</summary>
    public bool HasUsage { get; init; }

    /// <summary><c>usage.prompt_tokens</c>, null when absent.</summary>
    public int? PromptTokens { get; init; }

    /// <summary><c>usage.completion_tokens</c>, null when absent.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Whether the chunk is an error object (<c>{"error": ...}</c>) instead of output.</summary>
    public bool IsError { get; init; }

    /// <summary>The error's message, when <see cref="IsError"/>.</summary>
    public string? ErrorMessage { get; init; }

    public bool HasText => TextBytes > 0;
}
