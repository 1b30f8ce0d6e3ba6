namespace Fulcrum.Http.Load;

/// <summary>One request of a workload, ready to send.</summary>
/// <param name="Index">Position in the workload; results keep it.</param>
/// <param name="SendOffset">When to send it, from the start of the run; all zero sends everything at once.</param>
/// <param name="Prompt">Prompt text (the single user message for chat).</param>
/// <param name="ExpectedInputTokens">Prompt length the generator aimed for, null when unknown.</param>
/// <param name="MaxTokens">The <c>max_tokens</c> to send; null lets the server decide.</param>
public sealed record PlannedRequest(int Index, TimeSpan SendOffset, string Prompt, int? ExpectedInputTokens, int? MaxTokens);
