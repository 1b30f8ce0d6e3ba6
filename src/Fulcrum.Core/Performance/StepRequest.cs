using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Performance;

/// <summary>
/// A step described by hand (as <c>fulcrum step</c> takes it): decode sequences at one context length, a prefill
/// of one prompt from an empty cache, or both in one mixed step.
/// </summary>
/// <param name="DecodeSequences">Sequences decoding one token each; null for none.</param>
/// <param name="DecodeContext">Context of each decode sequence, counting the new token.</param>
/// <param name="PrefillTokens">Prompt tokens prefilled in this step; null for none.</param>
public sealed record StepRequest(int? DecodeSequences, int DecodeContext, int? PrefillTokens)
{
    /// <summary>
    /// Builds the step's batch after checking it against the deployment's limits and KV cache; throws
    /// <see cref="InputException"/> naming the value and the limit when it does not fit.
    /// </summary>
    public StepBatch ToBatch(Deployment deployment, MemoryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Fits)
        {
            throw new InputException($"{deployment.Model.Name} as {deployment.Label} on {deployment.Accelerator.Name} does not fit: {plan.FailureReason}.");
        }

        if (DecodeSequences is null && PrefillTokens is null)
        {
            throw new InputException("The step has no tokens: give --batch (decode sequences), --prefill (prompt tokens) or both.");
        }

        var maxLength = deployment.MaxModelLength;
        var engine = deployment.Engine;
        var batch = default(StepBatch);
        if (DecodeSequences is { } sequences)
        {
            Require(sequences >= 1, $"--batch {sequences} leaves the step without decode tokens; use at least 1, or leave --batch out for a prefill-only step.");
            Require(DecodeContext >= 1, $"--context {DecodeContext} must be at least 1 token.");
            Require(DecodeContext <= maxLength, $"--context {DecodeContext} exceeds max-model-len {maxLength}; use at most {maxLength} or raise --max-model-len.");
            for (var i = 0; i < sequences; i++)
            {
                batch.AddDecode(DecodeContext);
            }
        }

        if (PrefillTokens is { } prompt)
        {
            Require(prompt >= 1, $"--prefill {prompt} must be at least 1 token.");
            Require(prompt <= maxLength, $"--prefill {prompt} exceeds max-model-len {maxLength}; use at most {maxLength} or raise --max-model-len.");
            batch.AddPrefill(prompt, 0, completesPrompt: true);
        }

        Require(batch.Sequences <= engine.MaxNumSeqs, $"The step has {batch.Sequences} sequences, more than --max-num-seqs {engine.MaxNumSeqs}; lower --batch or raise --max-num-seqs.");
        Require(batch.Tokens <= engine.MaxNumBatchedTokens, $"The step has {batch.Tokens} tokens, more than --max-num-batched-tokens {engine.MaxNumBatchedTokens}; lower --batch or --prefill, or raise --max-num-batched-tokens.");

        var blocks = ((long)(DecodeSequences ?? 0) * Blocks(DecodeContext, engine.BlockSize)) + Blocks(PrefillTokens ?? 0, engine.BlockSize);
        Require(blocks <= plan.KvCacheBlocks, $"The step's context needs {blocks} KV blocks of {engine.BlockSize} tokens, but the KV cache holds {plan.KvCacheBlocks}; lower --batch, --context or --prefill, or use more GPUs.");
        return batch;
    }

    private static long Blocks(long tokens, int blockSize) => (tokens + blockSize - 1) / blockSize;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InputException(message);
        }
    }
}
