using Fulcrum.Metrics;

namespace Fulcrum.Tests.Metrics;

public class MetricsCalculatorTests
{
    [Fact]
    public void HandComputedRun()
    {
        // Three requests on 2 GPUs; the last ends at 4 s, so the duration is 4 s.
        //   A: arrives 0, starts 0.5, first token 1, ends 3 with 5 tokens → TTFT 1, E2E 3, TPOT (3 − 1) / 4 = 0.5
        //   B: arrives 1, starts 1, first token 1.5, ends 4 with 1 token → TTFT 0.5, E2E 3, no TPOT
        //   C: rejected at 2.
        RequestTimeline[] requests =
        [
            new(0, 0, 0.5, 1, 3, 100, 5, RequestOutcome.Completed),
            new(1, 1, 1, 1.5, 4, 50, 1, RequestOutcome.Completed),
            new(2, 2, null, null, 2, 9000, 0, RequestOutcome.Rejected),
        ];
        var tokens = new TokenLog();
        tokens.RecordTokens(1, 1);
        tokens.RecordTokens(1.5, 1);
        tokens.RecordGaps(0.5, 4);
        var m = MetricsCalculator.Compute(requests, tokens, 2, new SloThresholds(TtftSeconds: 0.8), hasClientCap: false);

        Assert.Equal(3, m.Requests);
        Assert.Equal(2, m.Completed);
        Assert.Equal(1, m.Failed);
        Assert.Equal(1, m.Rejected);
        Assert.Equal(4.0, m.DurationSeconds);
        Assert.Equal(150, m.TotalInputTokens);
        Assert.Equal(6, m.TotalOutputTokens);
        Assert.Equal(0.5, m.RequestThroughput);
        Assert.Equal(1.5, m.OutputThroughput);
        Assert.Equal(39.0, m.TotalTokenThroughput);
        Assert.Equal(0.25, m.RequestThroughputPerGpu);
        Assert.Equal(0.25, m.RequestGoodput);

        // TTFT values 0.5 and 1: mean 0.75, median 0.75, p99 = 0.5 + 0.99 · 0.5 = 0.995, std 0.25.
        Assert.Equal(0.75, m.Ttft!.Mean);
        Assert.Equal(0.75, m.Ttft.Median);
        Assert.Equal(0.995, m.Ttft.P99, 12);
        Assert.Equal(0.25, m.Ttft.StandardDeviation);
        Assert.Equal(1, m.Tpot!.Count);
        Assert.Equal(0.5, m.Tpot.Mean);
        Assert.Equal(2.0, m.OutputTokensPerSecondPerUser);
        Assert.Equal(3.0, m.E2el!.Max);
        Assert.Equal(0.25, m.QueueingDelay!.Mean);
        Assert.Null(m.ClientQueueTime);
        Assert.Equal(0.5, m.Itl!.Mean);
        Assert.Equal(2, m.MaxOutputTokensPerSecond);

        // A spans [0, 3) and B [1, 4): both in flight from 1 to 3.
        Assert.Equal(2, m.MaxConcurrentRequests);
    }

    [Fact]
    public void NoRequests_AllNull()
    {
        var m = MetricsCalculator.Compute([], new TokenLog(), 8, null, hasClientCap: true);
        Assert.Null(m.RequestThroughput);
        Assert.Null(m.RequestGoodput);
        Assert.Null(m.Ttft);
        Assert.Null(m.ClientQueueTime);
        Assert.Null(m.MaxOutputTokensPerSecond);
        Assert.Null(m.MaxConcurrentRequests);

        // No request ended, so the JSON has no duration either.
        var json = new System.Text.Json.Nodes.JsonObject();
        Fulcrum.Reports.Json.ServingMetricsJson.AddTo(json, m);
        Assert.Null(json["duration"]);
    }

    [Fact]
    public void Goodput_OneTokenOutputPassesTpot()
    {
        // vllm bench serve counts TPOT as 0 for one-token outputs when checking goodput.
        RequestTimeline[] requests = [new(0, 0, 0, 0.1, 0.1, 10, 1, RequestOutcome.Completed)];
        var m = MetricsCalculator.Compute(requests, new TokenLog(), null, new SloThresholds(TpotSeconds: 0.001), hasClientCap: false);
        Assert.Equal(10.0, m.RequestGoodput!.Value, 12);
        Assert.Null(m.RequestThroughputPerGpu);
    }

    [Fact]
    public void Slo_ParsesVllmSyntax()
    {
        Assert.Equal(new SloThresholds(0.5, 0.05, null), SloThresholds.Parse(["ttft:500", "TPOT:50"]));
        Assert.Throws<Fulcrum.Errors.InputException>(() => SloThresholds.Parse(["ttft=500"]));
        Assert.Throws<Fulcrum.Errors.InputException>(() => SloThresholds.Parse(["itl:5"]));
        Assert.Throws<Fulcrum.Errors.InputException>(() => SloThresholds.Parse(["e2el:-1"]));
    }
}
