using Fulcrum.Metrics;
using Fulcrum.Specs.Hardware;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class MeasurementValueTests
{
    private static readonly PredictedRun Run = new()
    {
        DurationSeconds = 20,
        Requests = 10,
        Completed = 10,
        InputTokens = 10 * 2048,
        OutputTokens = 10 * 128,
        Ttft = new LatencySummary(10, 0.5, 0.4, 0.9, 0.95, 0.99, 0.1, 0.2, 1.0),
        Tpot = new LatencySummary(10, 0.03, 0.025, 0.05, 0.06, 0.07, 0.01, 0.02, 0.08),
        Itl = new LatencySummary(1270, 0.031, 0.026, 0.04, 0.05, 0.09, 0.01, 0.01, 0.2),
        E2el = new LatencySummary(10, 10, 9, 18, 19, 19.9, 3, 5, 20),
    };

    private static double Value(string metric, string statistic, string scenario = "server", int gpus = 8)
    {
        var row = MeasurementMapperTests.Row(model: "Llama-3.1-70B", scenario: scenario, metric: metric, statistic: statistic, tp: gpus, isl: 2048, osl: 128, batch: 10);
        var c = MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason) ?? throw new InvalidOperationException(reason);
        return MeasurementValue.Of(c, Run).Value!.Value;
    }

    [Fact]
    public void Throughputs_DivideByDuration()
    {
        // 1,280 output tokens in 20 s = 64 tok/s, or 8 per GPU on 8 GPUs; (20,480 + 1,280) / 20 = 1,088 tok/s; 10 / 20 = 0.5 req/s.
        Assert.Equal(64, Value("output_tok_per_s", "aggregate"), 1e-12);
        Assert.Equal(8, Value("output_tok_per_s", "per GPU"), 1e-12);
        Assert.Equal(1088, Value("total_tok_per_s", "aggregate"), 1e-12);
        Assert.Equal(0.5, Value("requests_per_s", "aggregate"), 1e-12);
    }

    [Fact]
    public void Latencies_TakeTheirStatisticInMilliseconds()
    {
        Assert.Equal(400, Value("ttft_ms", "median"), 1e-9);
        Assert.Equal(500, Value("ttft_ms", "mean"), 1e-9);
        Assert.Equal(70, Value("tpot_ms", "p99"), 1e-9);
        Assert.Equal(40, Value("itl_ms", "p90"), 1e-9);
        Assert.Equal(18, Value("e2e_latency_s", "p90"), 1e-12);
    }

    [Fact]
    public void StaticBatchEndToEnd_IsWholeRun()
    {
        Assert.Equal(20, Value("e2e_latency_s", "mean (static batch)", scenario: "latency"), 1e-12);
    }

    [Fact]
    public void RejectedRequests_AreNotCompared()
    {
        var row = MeasurementMapperTests.Row(model: "Llama-3.1-70B", scenario: "server", metric: "ttft_ms", statistic: "median", batch: 10);
        var c = MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out _)!;
        var prediction = MeasurementValue.Of(c, Run with { Completed = 7 });
        Assert.Null(prediction.Value);
        Assert.Contains("rejected 3 of 10 requests", prediction.SkipReason, StringComparison.Ordinal);
    }
}
