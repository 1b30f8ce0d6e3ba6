namespace Fulcrum.Http.Prompts;

/// <summary>A prompt with what is known of its length and the output it should get.</summary>
/// <param name="Text">The prompt text.</param>
/// <param name="Tokens">Prompt tokens by the generator or the tokenizer; null when unknown.</param>
/// <param name="MaxTokens">Output tokens to request; null leaves it to the workload or the server.</param>
public sealed record PromptSample(string Text, int? Tokens, int? MaxTokens);
