using CsCheck;
using Fulcrum.Metrics;

namespace Fulcrum.Tests.Metrics;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_MatchExactWithinBucketWidth()
    {
        // Gaps from 10 µs to 100 s: many octaves, so values land in buckets of several lazily allocated octaves.
        Gen.Double[1e-5, 100].Array[1, 400].Sample(values =>
        {
            var histogram = new LatencyHistogram();
            foreach (var v in values)
            {
                histogram.Add(v);
            }

            var sorted = values.Order().ToArray();
            foreach (var percent in new[] { 0.0, 50, 90, 99, 100 })
            {
                var exact = LatencySummary.Percentile(sorted, percent);

                // A bucket spans 2^-10 of its value, so its midpoint is within 2^-11 (0.05%) of any value in it.
                Assert.Equal(exact, histogram.Percentile(percent), exact * 0.0005);
            }
        });
    }

    [Fact]
    public void Percentiles_CountRepeatedValues()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(0.010, 99);
        histogram.Add(2.0, 1);

        // Ranks 0–98 are 10 ms and rank 99 is 2 s, so p50 falls in the 10 ms bucket, p100 is the exact maximum.
        Assert.Equal(0.010, histogram.Percentile(50), 0.010 * 0.0005);
        Assert.Equal(2.0, histogram.Percentile(100));
        Assert.Equal(100, histogram.Count);
    }

    [Fact]
    public void Empty_HasNoStatistics()
    {
        var histogram = new LatencyHistogram();

        Assert.True(double.IsNaN(histogram.Percentile(50)));
        Assert.Null(histogram.Summarize());
    }
}
