namespace Fulcrum.Specs.Deployments;

/// <summary>How an engine forms each step's batch from running and waiting requests.</summary>
public enum BatchingPolicy
{
    /// <summary>
    /// vLLM V1 continuous batching: running requests first (decodes and continuing chunked prefills), then
    /// waiting requests in arrival order while the token budget, <c>max_num_seqs</c> and free KV blocks allow.
    /// Prefill chunks and decodes share a step.
    /// </summary>
    VllmV1,

    /// <summary>
    /// Prefill-priority scheduling of vLLM V0 without chunked prefill, and of SGLang: a step holds only prefills
    /// whenever prefill work is waiting, otherwise only decodes. Prompts are chunked when chunked prefill is on.
    /// </summary>
    PrefillFirst,

    /// <summary>
    /// Static batching: when the engine is empty it takes up to <c>max_num_seqs</c> waiting requests, reserves
    /// KV blocks for their whole prompt and output, and runs that batch to completion before admitting more.
    /// </summary>
    Static,
}
