namespace Fulcrum.Metrics;

/// <summary>
/// Per-token facts of a run without a record per token: the inter-token gaps in a <see cref="LatencyHistogram"/>
/// and output tokens counted per one-second window from the start of the run (for the peak output rate).
/// </summary>
public sealed class TokenLog
{
    private int[] tokensPerSecond = new int[64];
    private int seconds;

    /// <summary>Gaps between consecutive output tokens of the same request, seconds.</summary>
    public LatencyHistogram InterTokenLatencies { get; } = new();

    /// <summary>Records <paramref name="count"/> output tokens produced at <paramref name="timeSeconds"/>.</summary>
    public void RecordTokens(double timeSeconds, int count)
    {
        var second = (int)Math.Floor(Math.Max(0, timeSeconds));
        if (second >= tokensPerSecond.Length)
        {
            Array.Resize(ref tokensPerSecond, Math.Max(second + 1, tokensPerSecond.Length * 2));
        }

        tokensPerSecond[second] += count;
        seconds = Math.Max(seconds, second + 1);
    }

    /// <summary>Records <paramref name="count"/> inter-token gaps of <paramref name="gapSeconds"/> each.</summary>
    public void RecordGaps(double gapSeconds, long count = 1) => InterTokenLatencies.Add(gapSeconds, count);

    /// <summary>Maximum output tokens produced within one whole second of the run; null when no token was recorded.</summary>
    public int? MaxTokensInOneSecond
    {
        get
        {
            if (seconds == 0)
            {
                return null;
            }

            var max = 0;
            foreach (var tokens in tokensPerSecond.AsSpan(0, seconds))
            {
                max = Math.Max(max, tokens);
            }

            return max;
        }
    }
}
