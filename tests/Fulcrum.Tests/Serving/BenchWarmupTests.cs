using System.Diagnostics;
using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum bench's first checked request and warm-up: what a failure reports, how long it may take, and its ids.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class BenchWarmupTests
{
    [Fact]
    public async Task FaultedWarmup_ReportsStatusAndMessage()
    {
        await using var server = await TwinServer.StartAsync("status:503=1");

        var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.Address.AbsoluteUri, "--num-prompts", "1"));

        Assert.Equal(2, code);
        Assert.Contains("HTTP 503", error, StringComparison.Ordinal);
        Assert.Contains("injected fault", error, StringComparison.Ordinal);
        Assert.DoesNotContain("length-control", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StalledWarmup_FailsAtWarmupTimeout()
    {
        await using var server = await TwinServer.StartAsync("stall:1=1");
        var started = Stopwatch.GetTimestamp();

        var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.Address.AbsoluteUri, "--num-prompts", "1", "--warmup-timeout", "1"));

        Assert.Equal(2, code);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "the warm-up waited for --timeout instead of --warmup-timeout");
        Assert.Contains("timeout", error, StringComparison.Ordinal);
        Assert.Contains("within 1 s", error, StringComparison.Ordinal);
        Assert.Contains("--warmup-timeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarmupRequestId_NamesWarmup()
    {
        await using var server = await TwinServer.StartAsync();
        using var client = new StreamingClient(server.Address, new RequestSettings(EndpointKind.Completions, TwinServer.Model), new ClientOptions());
        var warmup = new RequestRecord(-2);
        var measured = new RequestRecord(7);

        await client.SendAsync(warmup, "the of", 2, CancellationToken.None);
        await client.SendAsync(measured, "the of", 2, CancellationToken.None);

        Assert.Matches("^fulcrum-[0-9a-f]{8}-warmup-2$", warmup.RequestId);
        Assert.Matches("^fulcrum-[0-9a-f]{8}-7$", measured.RequestId);
    }
}
