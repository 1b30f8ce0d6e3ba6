using System.Text.Json.Nodes;
using CsCheck;
using Fulcrum.Errors;
using Fulcrum.Reports.Json;
using Fulcrum.Workloads;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Tests.Reports.Json;

/// <summary>workload_spec written and read back draws the same requests.</summary>
public class WorkloadSpecJsonTests
{
    private static readonly Gen<LengthDistribution> Lengths = Gen.OneOf(
        Gen.Int[1, 5000].Select(n => (LengthDistribution)new LengthDistribution.Fixed(n)),
        Gen.Select(Gen.Int[1, 100], Gen.Int[0, 900]).Select((lo, span) => (LengthDistribution)new LengthDistribution.Uniform(lo, lo + span)),
        Gen.Select(Gen.Double[1, 2000], Gen.Double[0, 500], Gen.Bool).Select((mean, std, bounded) => (LengthDistribution)new LengthDistribution.Normal(mean, std, 1, bounded ? 4096 : int.MaxValue)),
        Gen.Select(Gen.Double[1, 2000], Gen.Double[0.1, 500], Gen.Int[1, 8]).Select((mean, std, min) => (LengthDistribution)new LengthDistribution.LogNormal(mean, std, min, int.MaxValue)));

    private static readonly Gen<ArrivalProcess> Arrivals = Gen.OneOf(
        Gen.Const((ArrivalProcess)new ArrivalProcess.AllAtOnce()),
        Gen.Select(Gen.Double[0.1, 50], Gen.OneOf(Gen.Double[0.2, 4], Gen.Const(double.PositiveInfinity))).Select((rate, burst) => (ArrivalProcess)new ArrivalProcess.Rate(rate, burst)));

    private static readonly Gen<WorkloadSpec> Specs =
        from count in Gen.Int[1, 60]
        from arrival in Arrivals
        from input in Lengths
        from output in Lengths
        from cap in Gen.Int[0, 8]
        from seed in Gen.Long
        select new WorkloadSpec
        {
            NumPrompts = count,
            Arrival = arrival,
            InputLength = input,
            OutputLength = output,
            MaxConcurrency = cap == 0 ? null : cap,
            Seed = seed,
        };

    [Fact]
    public void RoundTrip_DrawsSameRequests()
    {
        Specs.Sample(spec =>
        {
            var read = WorkloadSpecJson.Read(ThroughText(WorkloadSpecJson.Write(spec)), "test.json");
            var expected = spec.Generate();
            var actual = read.Generate();
            Assert.Equal(expected.Requests, actual.Requests);
            Assert.Equal(expected.Description, actual.Description);
            Assert.Equal(expected.MaxConcurrency, actual.MaxConcurrency);
        }, iter: 200);
    }

    [Fact]
    public void RoundTrip_KeepsTraceReplay()
    {
        var spec = new WorkloadSpec { NumPrompts = 30, Arrival = new ArrivalProcess.Replay(0.5), Trace = TraceCatalog.Resolve("azure-code"), Seed = 7 };
        var json = WorkloadSpecJson.Write(spec);
        Assert.Null(json["input_len"]);
        var read = WorkloadSpecJson.Read(ThroughText(json), "test.json");
        Assert.Equal(spec.Generate().Requests, read.Generate().Requests);
        Assert.Equal(new ArrivalProcess.Replay(0.5), read.Arrival);
    }

    [Fact]
    public void Read_UnknownDistributionIsBadInput()
    {
        var json = WorkloadSpecJson.Write(new WorkloadSpec { NumPrompts = 3 });
        json["input_len"]!["distribution"] = "zipf";
        var error = Assert.Throws<InputException>(() => WorkloadSpecJson.Read(ThroughText(json), "m.json"));
        Assert.Contains("'zipf'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("m.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSeedIsBadInput()
    {
        var json = WorkloadSpecJson.Write(new WorkloadSpec { NumPrompts = 3 });
        json.Remove("seed");
        var error = Assert.Throws<InputException>(() => WorkloadSpecJson.Read(ThroughText(json), "m.json"));
        Assert.Contains("workload_spec.seed is missing", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Serializes as the result files are written and parses back, as a later command reads them.</summary>
    private static JsonObject ThroughText(JsonObject json) => JsonNode.Parse(json.ToJsonString(JsonOutput.Options))!.AsObject();
}
