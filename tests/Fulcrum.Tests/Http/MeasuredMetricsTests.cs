using System.Diagnostics;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Metrics;

namespace Fulcrum.Tests.Http;

/// <summary>Measured records go through the same metrics module as simulated runs.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class MeasuredMetricsTests
{
    private static readonly long F = Stopwatch.Frequency;

    private static RequestRecord Succeeded(int index, long start, double sendS, double[] tokenS, int inputTokens)
    {
        long At(double s) => start + (long)(s * F);
        return new RequestRecord(index)
        {
            ScheduledTimestamp = At(sendS),
            SendTimestamp = At(sendS),
            FirstTokenTimestamp = At(tokenS[0]),
            EndTimestamp = At(tokenS[^1]),
            TokenTimestamps = tokenS.Select(At).ToArray(),
            OutputTokens = tokenS.Length,
            InputTokens = inputTokens,
            Status = RequestStatus.Succeeded,
        };
    }

    [Fact]
    public void HandBuiltRun_MatchesHandArithmetic()
    {
        const long Start = 5_000_000;

        // Request 0: sent at 0, tokens at 0.1, 0.2, 0.3, 0.4, 0.5 s: TTFT 0.1, TPOT (0.5 - 0.1) / 4 = 0.1, E2E 0.5.
        // Request 1: sent at 0.2, tokens at 0.5 and 0.8 s: TTFT 0.3, TPOT 0.3 / 1 = 0.3, E2E 0.6.
        // Request 2 failed; request 3 was cancelled by a stop and is left out.
        var ok0 = Succeeded(0, Start, 0, [0.1, 0.2, 0.3, 0.4, 0.5], 10);
        var ok1 = Succeeded(1, Start, 0.2, [0.5, 0.8], 20);
        var failed = new RequestRecord(2) { ScheduledTimestamp = Start, SendTimestamp = Start };
        failed.Fail(ErrorKind.HttpStatus, "HTTP 500", Start + (F / 10));
        var cancelled = new RequestRecord(3) { ScheduledTimestamp = Start, SendTimestamp = Start, EndTimestamp = Start + F, Status = RequestStatus.Cancelled };
        var run = new LoadRun([ok0, ok1, failed, cancelled], 4, Start, Start + F, StopReason.Interrupted);

        var metrics = run.ComputeMetrics(gpus: 8, slo: null, reportClientQueue: false);
        Assert.Equal(3, metrics.Requests);
        Assert.Equal(2, metrics.Completed);
        Assert.Equal(1, metrics.Failed);
        Assert.Equal(7, metrics.TotalOutputTokens);
        Assert.Equal(30, metrics.TotalInputTokens);
        Assert.Equal(0.8, metrics.DurationSeconds, 9);
        Assert.Equal((0.1 + 0.3) / 2, metrics.Ttft!.Mean, 9);
        Assert.Equal((0.1 + 0.3) / 2, metrics.Tpot!.Mean, 9);
        Assert.Equal((0.5 + 0.6) / 2, metrics.E2el!.Mean, 9);

        // Output throughput: 7 tokens over 0.8 s.
        Assert.Equal(7 / 0.8, metrics.OutputThroughput!.Value, 9);
    }

    [Fact]
    public async Task LoopbackRun_TtftAndTpotFollowTheScript()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new StreamingClient(server.BaseAddress, new RequestSettings(EndpointKind.Completions, "test-model"), new ClientOptions());
        await LoadDriver.WarmUpAsync(client, [new PlannedRequest(-1, TimeSpan.Zero, "tokens=1", null, 1)], CancellationToken.None);
        var plan = Enumerable.Range(0, 4).Select(i => new PlannedRequest(i, TimeSpan.FromMilliseconds(i * 200), $"id={i} tokens=6 first_ms=40 gap_ms=20", 7, 6)).ToList();
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None);

        var metrics = run.ComputeMetrics(gpus: null, slo: null, reportClientQueue: false);
        Assert.Equal(4, metrics.Completed);
        Assert.Equal(24, metrics.TotalOutputTokens);

        // Server delays: 40 ms to the first token, 20 ms between tokens. The server's timer wake-ups only add
        // time, but a first token that the client reads late shortens the mean gap after it, so TPOT gets 1 ms
        // of slack below 20 ms (a loaded CI run measured 19.94 ms).
        Assert.InRange(metrics.Ttft!.Mean, 0.040, 0.140);
        Assert.InRange(metrics.Tpot!.Mean, 0.019, 0.060);
        Assert.InRange(metrics.Itl!.Median, 0.015, 0.060);
    }
}
