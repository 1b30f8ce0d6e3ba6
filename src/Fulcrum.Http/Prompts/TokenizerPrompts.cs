using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Prompts;

/// <summary>Random prompts of an exact token length under a given tokenizer.</summary>
public static class TokenizerPrompts
{
    private const int Attempts = 8;

    /// <summary>
    /// Returns random words cut at exactly <paramref name="tokens"/> tokens of <paramref name="tokenizer"/>.
    /// The cut is re-encoded to check its length; if no attempt lands exactly (merges across the cut
    /// can shift the count), the closest attempt is returned with its real length.
    /// </summary>
    public static PromptSample Create(Tokenizer tokenizer, int tokens, Random random)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        if (tokens == 0)
        {
            return new PromptSample("", 0, null);
        }

        var words = tokens + 16;
        PromptSample? closest = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var text = RandomWordPrompts.Create(words, random);
            var count = tokenizer.CountTokens(text);
            if (count < tokens)
            {
                // Fewer tokens than words: the vocabulary merges words; grow and try again.
                words += tokens - count + 16;
                continue;
            }

            var index = tokenizer.GetIndexByTokenCount(text, tokens, out var normalized, out _);
            var cut = (normalized ?? text)[..index];
            var cutCount = tokenizer.CountTokens(cut);
            if (cutCount == tokens)
            {
                return new PromptSample(cut, tokens, null);
            }

            if (closest?.Tokens is not { } best || Math.Abs(cutCount - tokens) < Math.Abs(best - tokens))
            {
                closest = new PromptSample(cut, cutCount, null);
            }
        }

        return closest ?? throw new InvalidOperationException($"The tokenizer produced fewer than {tokens} tokens from {words} words.");
    }
}
