namespace Fulcrum.Http.Client;

/// <summary>
/// Turns chunk arrival times into per-token times. A chunk that carries k tokens spreads them evenly
/// over the gap since the previous chunk, and the last of them lands when the chunk arrived. The
/// tokens of the first chunk all land at its arrival, because the time before it is prefill, not decoding.
/// </summary>
public static class TokenTimes
{
    /// <summary>
    /// Splits <paramref name="totalTokens"/> over the chunks in proportion to <paramref name="weights"/>
    /// (largest remainder, the first chunk getting at least one token) and returns each token's time.
    /// </summary>
    /// <param name="chunkTimes">Arrival of each chunk with text, non-decreasing, in any tick unit.</param>
    /// <param name="weights">Tokens each chunk is known or estimated to hold; all-zero counts as even.</param>
    /// <param name="counts">Receives the tokens assigned to each chunk.</param>
    /// <param name="firstChunkOneToken">
    /// Give the first chunk exactly one token and share the rest over the later chunks. Right when the
    /// weights are guesses: the prefill step yields one token, which engines stream at once.
    /// </param>
    public static long[] Spread(ReadOnlySpan<long> chunkTimes, ReadOnlySpan<int> weights, int totalTokens, Span<int> counts, bool firstChunkOneToken = false)
    {
        if (chunkTimes.Length != weights.Length || counts.Length != chunkTimes.Length)
        {
            throw new ArgumentException("chunkTimes, weights and counts must have the same length.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(totalTokens);
        if (chunkTimes.IsEmpty || totalTokens == 0)
        {
            counts.Clear();
            return [];
        }

        if (firstChunkOneToken && chunkTimes.Length > 1)
        {
            counts[0] = 1;
            Apportion(weights[1..], totalTokens - 1, counts[1..], firstAtLeastOne: false);
        }
        else
        {
            Apportion(weights, totalTokens, counts, firstAtLeastOne: true);
        }

        var times = new long[totalTokens];
        var next = 0;
        for (var chunk = 0; chunk < chunkTimes.Length; chunk++)
        {
            var tokens = counts[chunk];
            var end = chunkTimes[chunk];
            var start = chunk == 0 ? end : chunkTimes[chunk - 1];
            for (var m = 1; m <= tokens; m++)
            {
                times[next++] = start + ((end - start) * m / tokens);
            }
        }

        return times;
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> in proportion to <paramref name="weights"/>.</summary>
    internal static void Apportion(ReadOnlySpan<int> weights, int total, Span<int> counts, bool firstAtLeastOne)
    {
        long weightSum = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            weightSum += w;
        }

        var even = weightSum == 0;
        if (even)
        {
            weightSum = weights.Length;
        }

        long assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = even ? 1 : weights[i];
            counts[i] = (int)(total * (long)w / weightSum);
            assigned += counts[i];
        }

        // Hand the leftover tokens (fewer than the chunks) to the largest fractional parts. Ties go to
        // later chunks, so an end-of-sequence token, counted in usage but carrying no text, lands late.
        var left = (int)(total - assigned);
        if (left > 0)
        {
            var order = new int[weights.Length];
            var remainders = new long[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
                remainders[i] = (total * (long)(even ? 1 : weights[i])) - (counts[i] * weightSum);
            }

            Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : b.CompareTo(a));
            for (var k = 0; k < left; k++)
            {
                counts[order[k]]++;
            }
        }

        if (firstAtLeastOne && counts[0] == 0 && total > 0)
        {
            // The first chunk with text contains the first token by definition.
            var largest = 0;
            for (var i = 1; i < counts.Length; i++)
            {
                if (counts[i] > counts[largest])
                {
                    largest = i;
                }
            }

            counts[largest]--;
            counts[0] = 1;
        }
    }
}
