using CsCheck;
using Fulcrum.Errors;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Workloads;

public class ArrivalProcessTests
{
    [Fact]
    public void Rate_LastArrivalAtCountOverRate()
    {
        // As vllm bench serve normalises: 500 requests at 10 req/s end at exactly 50 s.
        var workload = new WorkloadSpec { NumPrompts = 500, Arrival = new ArrivalProcess.Rate(10), Seed = 3 }.Generate();
        Assert.Equal(50.0, workload.Requests[^1].ArrivalSeconds, 9);
        Assert.True(workload.Requests[0].ArrivalSeconds > 0);
    }

    [Fact]
    public void Poisson_GapsHaveUnitCoefficientOfVariation()
    {
        // Exponential gaps have CV = 1; gamma of shape k has CV = 1/√k, so burstiness 4 gives 0.5.
        Assert.Equal(1.0, GapCv(1.0), 1);
        Assert.Equal(0.5, GapCv(4.0), 1);
        Assert.Equal(2.0, GapCv(0.25), 1);
    }

    [Fact]
    public void InfiniteBurstiness_GivesEvenGaps()
    {
        var times = new WorkloadSpec { NumPrompts = 4, Arrival = new ArrivalProcess.Rate(2, double.PositiveInfinity) }.Generate().Requests;
        Assert.Equal([0.5, 1.0, 1.5, 2.0], times.Select(r => r.ArrivalSeconds));
    }

    [Fact]
    public void AllAtOnce_SendsEverythingAtZero()
    {
        var workload = new WorkloadSpec { NumPrompts = 3 }.Generate();
        Assert.All(workload.Requests, r => Assert.Equal(0.0, r.ArrivalSeconds));
    }

    [Fact]
    public void SameSeed_SameWorkload()
    {
        Gen.Long.Sample(seed =>
        {
            var spec = new WorkloadSpec
            {
                NumPrompts = 50,
                Arrival = new ArrivalProcess.Rate(3, 0.5),
                InputLength = new LengthDistribution.LogNormal(800, 400, 1, 8000),
                OutputLength = new LengthDistribution.Normal(200, 50, 1, 1000),
                Seed = seed,
            };
            Assert.Equal(spec.Generate().Requests, spec.Generate().Requests);
        }, iter: 50);
    }

    [Fact]
    public void Seed_ChangesArrivalsAndLengths()
    {
        var spec = new WorkloadSpec { NumPrompts = 20, Arrival = new ArrivalProcess.Rate(3), InputLength = new LengthDistribution.Uniform(1, 1000) };
        var a = spec.Generate().Requests;
        var b = (spec with { Seed = 1 }).Generate().Requests;
        Assert.NotEqual(a.Select(r => r.ArrivalSeconds), b.Select(r => r.ArrivalSeconds));
        Assert.NotEqual(a.Select(r => r.InputTokens), b.Select(r => r.InputTokens));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(2.0, 0.0)]
    public void Rate_RejectsBadParameters(double rate, double burstiness)
    {
        var spec = new WorkloadSpec { Arrival = new ArrivalProcess.Rate(rate, burstiness) };
        Assert.Throws<InputException>(spec.Generate);
    }

    private static double GapCv(double burstiness)
    {
        var times = new WorkloadSpec { NumPrompts = 20_000, Arrival = new ArrivalProcess.Rate(5, burstiness), Seed = 11 }.Generate().Requests;
        var gaps = times.Zip(times.Skip(1), (a, b) => b.ArrivalSeconds - a.ArrivalSeconds).ToArray();
        var mean = gaps.Average();
        var std = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());
        return std / mean;
    }
}
