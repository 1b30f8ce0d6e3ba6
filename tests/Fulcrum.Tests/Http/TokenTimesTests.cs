using CsCheck;
using Fulcrum.Http.Client;

namespace Fulcrum.Tests.Http;

public class TokenTimesTests
{
    [Fact]
    public void OneTokenPerChunk_TimesAreArrivals()
    {
        var counts = new int[3];
        var times = TokenTimes.Spread([100, 130, 170], [1, 1, 1], 3, counts);
        Assert.Equal([100, 130, 170], times);
        Assert.Equal([1, 1, 1], counts);
    }

    [Fact]
    public void MultiTokenChunk_SplitsGapEvenly()
    {
        // Chunk 2 holds 4 tokens over the 40-tick gap 100..140: 110, 120, 130, 140.
        var counts = new int[2];
        var times = TokenTimes.Spread([100, 140], [1, 4], 5, counts);
        Assert.Equal([100, 110, 120, 130, 140], times);
    }

    [Fact]
    public void FirstChunkTokens_ShareItsArrival()
    {
        var counts = new int[2];
        var times = TokenTimes.Spread([50, 80], [2, 1], 3, counts);
        Assert.Equal([50, 50, 80], times);
    }

    [Fact]
    public void GuessedWeights_FirstChunkGetsOneToken()
    {
        // 10 tokens over 4 chunks of unknown size: 1 for the prefill chunk, 9 shared 3/3/3.
        var counts = new int[4];
        var times = TokenTimes.Spread([0, 30, 60, 90], [1, 1, 1, 1], 10, counts, firstChunkOneToken: true);
        Assert.Equal([1, 3, 3, 3], counts);
        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90], times);
    }

    [Fact]
    public void UsageBelowChunks_LeavesSomeChunksEmpty()
    {
        var counts = new int[4];
        var times = TokenTimes.Spread([0, 10, 20, 30], [1, 1, 1, 1], 2, counts);
        Assert.Equal(2, times.Length);
        Assert.Equal(2, counts.Sum());
        Assert.Equal(1, counts[0]);
    }

    [Fact]
    public void Apportion_LargestRemainder()
    {
        // 7 over weights 1:2:4 (sum 7) is exact; 8 over 1:1:1 gives 2, 3, 3 (ties to later chunks).
        var counts = new int[3];
        TokenTimes.Apportion([1, 2, 4], 7, counts, firstAtLeastOne: true);
        Assert.Equal([1, 2, 4], counts);
        TokenTimes.Apportion([1, 1, 1], 8, counts, firstAtLeastOne: true);
        Assert.Equal([2, 3, 3], counts);
    }

    [Fact]
    public void Spread_Invariants()
    {
        var gen = Gen.Int[1, 40].SelectMany(chunks =>
            Gen.Select(Gen.Int[0, 50].Array[chunks], Gen.Int[0, 4].Array[chunks], Gen.Int[0, 300], Gen.Bool));
        gen.Sample((gaps, weights, total, firstOne) =>
        {
            var times = new long[gaps.Length];
            long t = 1000;
            for (var i = 0; i < gaps.Length; i++)
            {
                t += gaps[i];
                times[i] = t;
            }

            var counts = new int[gaps.Length];
            var tokenTimes = TokenTimes.Spread(times, weights, total, counts, firstOne);
            Assert.Equal(total, tokenTimes.Length);
            Assert.Equal(total, counts.Sum());
            Assert.All(counts, c => Assert.True(c >= 0));
            for (var i = 1; i < tokenTimes.Length; i++)
            {
                Assert.True(tokenTimes[i] >= tokenTimes[i - 1]);
            }

            if (total > 0)
            {
                Assert.Equal(times[0], tokenTimes[0]);
                Assert.True(tokenTimes[^1] <= times[^1]);
            }
        });
    }
}
