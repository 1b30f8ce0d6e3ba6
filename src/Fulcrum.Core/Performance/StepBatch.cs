namespace Fulcrum.Performance;

/// <summary>
/// Aggregates of one engine step's batch: what the cost model needs and nothing per sequence, so a step of
/// 1,024 sequences is as cheap to price as one of 8. Build it with <see cref="AddDecode"/> and
/// <see cref="AddPrefill"/>; a mixed batch (chunked prefills plus decodes) is one step.
/// </summary>
public struct StepBatch
{
    /// <summary>Sequences contributing one decode token each.</summary>
    public int DecodeSequences { readonly get; private set; }

    /// <summary>Sum over decode sequences of the context each attends to (cached tokens plus the new one).</summary>
    public long DecodeContextSum { readonly get; private set; }

    /// <summary>Sequences contributing a prefill chunk.</summary>
    public int PrefillSequences { readonly get; private set; }

    /// <summary>New tokens of all prefill chunks.</summary>
    public long PrefillTokens { readonly get; private set; }

    /// <summary>Sum over prefill chunks of their cached prefix lengths (tokens already in the KV cache).</summary>
    public long PrefillPrefixSum { readonly get; private set; }

    /// <summary>
    /// Causal attention pairs of all prefill chunks: for a chunk of c new tokens after p cached ones,
    /// each new token i (1-based) attends to p + i keys, so the chunk adds c·p + c·(c+1)/2.
    /// </summary>
    public double PrefillAttentionPairs { readonly get; private set; }

    /// <summary>Tokens sampled this step: one per decode plus one per prefill that finishes its prompt.</summary>
    public int SampledTokens { readonly get; private set; }

    /// <summary>All new tokens of the step.</summary>
    public readonly long Tokens => PrefillTokens + DecodeSequences;

    public readonly int Sequences => PrefillSequences + DecodeSequences;

    public readonly bool IsEmpty => Sequences == 0;

    /// <summary>Adds a decode of one token for a sequence whose context, counting the new token, is <paramref name="contextLength"/>.</summary>
    public void AddDecode(int contextLength)
    {
        DecodeSequences++;
        DecodeContextSum += contextLength;
        SampledTokens++;
    }

    /// <summary>Adds a prefill chunk of <paramref name="chunkTokens"/> after <paramref name="prefixTokens"/> cached ones.</summary>
    /// <param name="completesPrompt">Whether the chunk ends the prompt, so the step samples the first output token.</param>
    public void AddPrefill(int chunkTokens, int prefixTokens, bool completesPrompt)
    {
        PrefillSequences++;
        PrefillTokens += chunkTokens;
        PrefillPrefixSum += prefixTokens;
        PrefillAttentionPairs += ((double)chunkTokens * prefixTokens) + (chunkTokens * (chunkTokens + 1.0) / 2.0);
        if (completesPrompt)
        {
            SampledTokens++;
        }
    }

    public static StepBatch Decode(int sequences, int contextLength)
    {
        return new StepBatch
        {
            DecodeSequences = sequences,
            DecodeContextSum = (long)sequences * contextLength,
            SampledTokens = sequences,
        };
    }

    public static StepBatch Prefill(int sequences, int promptTokens)
    {
        var batch = default(StepBatch);
        for (var i = 0; i < sequences; i++)
        {
            batch.AddPrefill(promptTokens, 0, completesPrompt: true);
        }

        return batch;
    }
}
