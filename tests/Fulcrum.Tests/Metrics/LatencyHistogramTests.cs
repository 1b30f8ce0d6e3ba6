using CsCheck;
using Fulcrum.Metrics;

namespace Fulcrum.Tests.Metrics;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_WithinBucketError()
    {
        // Against the exact NumPy-style percentile of the same values: the buckets are 2^-10 wide in relative
        // terms, so midpoints are off by at most 2^-11 ≈ 0.05%.
        Gen.Double[1e-4, 10].Array[1, 400].Sample(values =>
        {
            var histogram = new LatencyHistogram();
            foreach (var v in values)
            {
                histogram.Add(v);
            }

            var exact = LatencySummary.Of(values.ToArray())!;
            foreach (var (p, want) in new[] { (50.0, exact.Median), (90, exact.P90), (95, exact.P95), (99, exact.P99) })
            {
                Assert.InRange(histogram.Percentile(p), want * (1 - 5e-4), want * (1 + 5e-4));
            }

            Assert.Equal(exact.Mean, histogram.Mean, 9);
            Assert.Equal(exact.StandardDeviation, histogram.StandardDeviation, 9);
            Assert.Equal(exact.Min, histogram.Min);
            Assert.Equal(exact.Max, histogram.Max);
        }, iter: 200);
    }

    [Fact]
    public void WeightedAdd_MatchesRepeatedAdd()
    {
        var weighted = new LatencyHistogram();
        weighted.Add(0.02, 1000);
        weighted.Add(0.05, 10);
        Assert.Equal(1010, weighted.Count);
        Assert.Equal(((0.02 * 1000) + 0.5) / 1010, weighted.Mean, 15);
        Assert.Equal(0.02, weighted.Percentile(50));
        Assert.Equal(0.05, weighted.Percentile(100));
    }

    [Fact]
    public void Empty_IsNaNAndNullSummary()
    {
        var histogram = new LatencyHistogram();
        Assert.True(double.IsNaN(histogram.Percentile(50)));
        Assert.Null(histogram.Summarize());
    }

    [Fact]
    public void Percentiles_SpanDistantOctaves()
    {
        // 10 µs, 10 ms and 100 s lie 10 and 13 octaves apart, so their buckets are in three separately allocated octaves.
        var histogram = new LatencyHistogram();
        histogram.Add(1e-5, 50);
        histogram.Add(0.01, 40);
        histogram.Add(100, 10);

        // Ranks 0–49 are 10 µs, 50–89 are 10 ms, 90–99 are 100 s; p25 and p70 fall inside the first two runs.
        Assert.Equal(1e-5, histogram.Percentile(25), 1e-5 * 5e-4);
        Assert.Equal(0.01, histogram.Percentile(70), 0.01 * 5e-4);
        Assert.Equal(100, histogram.Percentile(100));
    }
}
