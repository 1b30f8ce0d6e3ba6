using Fulcrum.Reports.Charts.Rendering;

namespace Fulcrum.Tests.Reports.Charts;

public class LogAxisTicksTests
{
    [Fact]
    public void WideRange_LabelsDecadesOnly()
    {
        // 10^0 … 10^3 spans three decades (> 2), so only powers of ten are labelled.
        var ticks = LogAxisTicks.MajorTicks(0, 3);

        Assert.Equal(["1", "10", "100", "1,000"], ticks.Select(t => t.Label));
        Assert.Equal([0.0, 1.0, 2.0, 3.0], ticks.Select(t => t.Position));
    }

    [Fact]
    public void VeryWideRange_LabelsEveryThirdDecade()
    {
        // 10^-1 … 10^13 spans 14 decades (> 12): decades divisible by 3 only.
        var labels = LogAxisTicks.MajorTicks(-1, 13).Select(t => t.Label);

        Assert.Equal(["1", "1,000", "1,000,000", "1e9", "1e12"], labels);
        Assert.Empty(LogAxisTicks.MinorTicks(-1, 13));
    }

    [Fact]
    public void NarrowRange_LabelsEveryMantissa()
    {
        // 30 … 80 ms is log10 1.477…1.903, 0.43 decades (< 0.8): every integer mantissa is labelled.
        var labels = LogAxisTicks.MajorTicks(Math.Log10(29), Math.Log10(81)).Select(t => t.Label);

        Assert.Equal(["30", "40", "50", "60", "70", "80"], labels);
    }

    [Fact]
    public void MidRange_LabelsOneTwoFive()
    {
        // 0.05 … 5 is two decades (0.8 < 2 ≤ 2): mantissas 1, 2 and 5.
        var labels = LogAxisTicks.MajorTicks(Math.Log10(0.05), Math.Log10(5)).Select(t => t.Label);

        Assert.Equal(["0.05", "0.1", "0.2", "0.5", "1", "2", "5"], labels);
    }

    [Fact]
    public void MinorTicks_SitAtTwoToNine()
    {
        var minor = LogAxisTicks.MinorTicks(0, 1);

        Assert.Equal(8, minor.Count);
        Assert.Equal(Math.Log10(2), minor[0], 12);
        Assert.Equal(Math.Log10(9), minor[^1], 12);
    }

    [Theory]
    [InlineData(1, 0, "1")]
    [InlineData(2, 4, "20,000")]
    [InlineData(5, -1, "0.5")]
    [InlineData(2, -3, "0.002")]
    [InlineData(3, -5, "3e-5")]
    [InlineData(1, 9, "1e9")]
    public void FormatValue_UsesGroupedOrScientific(int mantissa, int decade, string expected) =>
        Assert.Equal(expected, LogAxisTicks.FormatValue(mantissa, decade));

    [Fact]
    public void Limits_PadRangeOrSingleValue()
    {
        // Range 1…3 padded by 5% low and 18% high of its 2-decade span: 0.9…3.36.
        var (low, high) = LogAxisTicks.Limits(1, 3, 0.05, 0.18);
        Assert.Equal(0.9, low, 12);
        Assert.Equal(3.36, high, 12);

        // A single value gets half a decade each side.
        Assert.Equal((1.5, 2.5), LogAxisTicks.Limits(2, 2, 0.05, 0.05));
    }
}
