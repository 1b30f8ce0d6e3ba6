using Fulcrum.Calibration;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Simulation;
using Fulcrum.Specs.Hardware;
using Fulcrum.Tests.Validation;
using Fulcrum.Validation;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Calibration;

public class ScheduleReplayTests
{
    private static readonly HardwareProfile H100 = HardwareProfiles.Datasheet(HardwareCatalog.BuiltIn.Resolve("H100-SXM"));

    /// <summary>A slower profile: half the HBM fraction, twice the collective latency and step overhead.</summary>
    private static readonly HardwareProfile Slow = H100 with
    {
        HbmBandwidthFraction = H100.HbmBandwidthFraction / 2,
        CollectiveHopLatencySeconds = H100.CollectiveHopLatencySeconds * 2,
        CpuStepFixedSeconds = H100.CpuStepFixedSeconds * 2,
    };

    public static TheoryData<string, int> Runs() => new()
    {
        { "static", 16 },
        { "offline", 48 },
        { "closed-loop", 3 },
    };

    private static ValidationCase Case(string kind, int load)
    {
        var row = MeasurementMapperTests.Row(model: "Llama-3.1-8B", hardware: "NVIDIA H100 SXM 80GB", kv: "fp8", version: "0.10.1", tp: 2, isl: 600, osl: 40, batch: load);
        row = kind switch
        {
            "offline" => row with { Scenario = "offline", Metric = "output_tok_per_s", Statistic = "aggregate", Batch = null, BatchOrConcurrency = $"{load} prompts, max-num-seqs 16" },
            "closed-loop" => row with { Scenario = "server", Metric = "ttft_ms", Statistic = "median" },
            _ => row,
        };
        return MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason) ?? throw new InvalidOperationException(reason);
    }

    private static (SimulationResult Result, ScheduleReplay? Replay, string? Reason) Record(ValidationCase c, HardwareProfile profile)
    {
        var recorder = new RecordingCostModel(new StepCostModel(c.Deployment, profile));
        var result = Simulator.Run(new SimulationConfig { Deployment = c.Deployment, CostModel = recorder, Workload = c.Workload, RecordTimeline = true });
        return (result, ScheduleReplay.TryCreate(result, recorder.Batches, out var reason), reason);
    }

    private static void AssertSame(PredictedRun expected, PredictedRun actual)
    {
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds, expected.DurationSeconds * 1e-4);
        Assert.Equal(expected.OutputTokens, actual.OutputTokens);
        Assert.Equal(expected.Ttft!.Mean, actual.Ttft!.Mean, expected.Ttft.Mean * 1e-4);
        Assert.Equal(expected.Ttft.Median, actual.Ttft.Median, expected.Ttft.Median * 1e-4);
        Assert.Equal(expected.Tpot!.Mean, actual.Tpot!.Mean, expected.Tpot.Mean * 1e-4);
        Assert.Equal(expected.E2el!.P90, actual.E2el!.P90, expected.E2el.P90 * 1e-4);
        Assert.Equal(expected.Itl!.Mean, actual.Itl!.Mean, expected.Itl.Mean * 1e-4);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Replay_ReproducesSimulator(string kind, int load)
    {
        var c = Case(kind, load);
        var (result, replay, reason) = Record(c, H100);
        Assert.True(replay is not null, reason);
        AssertSame(PredictedRun.From(result), replay.Replay(new StepCostModel(c.Deployment, H100)));
        Assert.True(replay.PricedSteps < replay.Steps, $"{replay.PricedSteps} of {replay.Steps} steps priced");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Replay_FollowsAnotherProfile(string kind, int load)
    {
        // The schedule does not depend on step times here, so re-pricing it under a slower profile gives what a
        // new simulation under that profile gives.
        var c = Case(kind, load);
        var (_, replay, reason) = Record(c, H100);
        Assert.True(replay is not null, reason);
        var slow = Simulator.Run(new SimulationConfig { Deployment = c.Deployment, CostModel = new StepCostModel(c.Deployment, Slow), Workload = c.Workload });
        AssertSame(PredictedRun.From(slow), replay.Replay(new StepCostModel(c.Deployment, Slow)));
    }

    [Fact]
    public void RateArrivals_AreNotReplayed()
    {
        var c = Case("static", 16);
        var spread = new WorkloadSpec { NumPrompts = 20, Arrival = new ArrivalProcess.Rate(0.5), InputLength = new LengthDistribution.Fixed(600), OutputLength = new LengthDistribution.Fixed(40) }.Generate();
        var (_, replay, reason) = Record(c with { Workload = spread, Deployment = c.Deployment with { Engine = new Fulcrum.Specs.Deployments.EngineSettings { MaxModelLength = 640 } } }, H100);
        Assert.Null(replay);
        Assert.Contains("idles between steps", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrationRow_PrefersReplayAndPredictsLikeSimulator()
    {
        var c = Case("offline", 48);
        var row = CalibrationRow.Prepare(c, H100, out var reason);
        Assert.True(row is not null, reason);
        Assert.NotNull(row.Replay);
        Assert.Null(row.ReplayIssue);
        Assert.Equal(new SimulatorPredictor(_ => Slow, "slow").Predict(c).Value!.Value, row.Predict(Slow), 1e-3);
    }
}
