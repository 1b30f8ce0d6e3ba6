using Fulcrum.Errors;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Workloads;

public class LengthDistributionTests
{
    [Fact]
    public void Uniform_CoversBoundsInclusive()
    {
        var random = new SeededRandom(1);
        var samples = Enumerable.Range(0, 2000).Select(_ => new LengthDistribution.Uniform(3, 6).Sample(random)).ToHashSet();
        Assert.Equal([3, 4, 5, 6], samples.Order());
    }

    [Fact]
    public void Normal_MeanAndStd()
    {
        var samples = Draw(new LengthDistribution.Normal(1000, 100, 1, 100_000), 20_000);
        // Standard error of the mean: 100 / √20,000 ≈ 0.7 tokens.
        Assert.InRange(samples.Average(), 997, 1003);
        Assert.InRange(Std(samples), 98, 102);
    }

    [Fact]
    public void LogNormal_MeanAndStdOfLengths()
    {
        // Parameterised by the lengths' own mean and std, not the underlying normal's.
        var samples = Draw(new LengthDistribution.LogNormal(500, 250, 1, 1_000_000), 50_000);
        Assert.InRange(samples.Average(), 490, 510);
        Assert.InRange(Std(samples), 235, 265);
    }

    [Fact]
    public void Bounds_ClampSamples()
    {
        var samples = Draw(new LengthDistribution.Normal(100, 1000, 10, 200), 1000);
        Assert.Equal(10, samples.Min());
        Assert.Equal(200, samples.Max());
    }

    [Fact]
    public void Invalid_ThrowsInputError()
    {
        Assert.Throws<InputException>(() => new LengthDistribution.Fixed(0).Validate("--input-len"));
        Assert.Throws<InputException>(() => new LengthDistribution.Uniform(10, 5).Validate("--input-len"));
        Assert.Throws<InputException>(() => new LengthDistribution.LogNormal(100, 0, 1, 10).Validate("--input-len"));
        var e = Assert.Throws<InputException>(() => new LengthDistribution.Normal(-5, 1, 1, 10).Validate("--output-len"));
        Assert.Contains("--output-len", e.Message, StringComparison.Ordinal);
    }

    private static double[] Draw(LengthDistribution distribution, int count)
    {
        var random = new SeededRandom(42);
        return Enumerable.Range(0, count).Select(_ => (double)distribution.Sample(random)).ToArray();
    }

    private static double Std(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
    }
}
