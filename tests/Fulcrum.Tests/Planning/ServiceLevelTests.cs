using Fulcrum.Errors;
using Fulcrum.Planning;

namespace Fulcrum.Tests.Planning;

public class ServiceLevelTests
{
    [Fact]
    public void Parse_ReadsMetricStatisticThreshold()
    {
        var slo = ServiceLevelObjective.Parse("ttft:p99:450");
        Assert.Equal(new ServiceLevelObjective(SloMetric.Ttft, SloStatistic.P99, 450), slo);
        Assert.Equal(40, ServiceLevelObjective.Parse("TPOT:mean:40ms").ThresholdMs);
    }

    [Theory]
    [InlineData("ttft:p99")]
    [InlineData("latency:p99:100")]
    [InlineData("ttft:p42:100")]
    [InlineData("ttft:p99:-3")]
    [InlineData("ttft:p99:abc")]
    public void Parse_RejectsBadText(string text)
    {
        var e = Assert.Throws<InputException>(() => ServiceLevelObjective.Parse(text));
        Assert.Contains(text.Split(':').Last(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_MatchMlperfConstraints()
    {
        var interactive = ServiceLevelAgreement.Preset("interactive");
        Assert.Contains(new ServiceLevelObjective(SloMetric.Ttft, SloStatistic.P99, 450), interactive.Objectives);
        Assert.Contains(new ServiceLevelObjective(SloMetric.Tpot, SloStatistic.P99, 40), interactive.Objectives);
        Assert.Throws<InputException>(() => ServiceLevelAgreement.Preset("fast"));
    }

    [Fact]
    public void With_ReplacesSameMetricAndStatistic()
    {
        var sla = ServiceLevelAgreement.Preset("chat").With([ServiceLevelObjective.Parse("ttft:p99:1000"), ServiceLevelObjective.Parse("e2e:p90:30000")]);
        Assert.Equal(3, sla.Objectives.Count);
        Assert.Contains(new ServiceLevelObjective(SloMetric.Ttft, SloStatistic.P99, 1000), sla.Objectives);
    }
}
