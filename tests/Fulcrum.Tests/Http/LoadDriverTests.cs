using System.Diagnostics;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;

namespace Fulcrum.Tests.Http;

[Collection(LoopbackTimingGroup.Name)]
public class LoadDriverTests
{
    private static StreamingClient Client(ScriptedServer server, TimeSpan? timeout = null) =>
        new(server.BaseAddress, new RequestSettings(EndpointKind.Completions, "test-model"), new ClientOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) });

    private static List<PlannedRequest> Plan(int count, Func<int, double> offsetMs, Func<int, string> prompt) =>
        Enumerable.Range(0, count).Select(i => new PlannedRequest(i, TimeSpan.FromMilliseconds(offsetMs(i)), prompt(i), 5, 8)).ToList();

    /// <summary>Opens a connection and compiles the request path, so a cold first request does not skew timing checks.</summary>
    private static async Task WarmUpAsync(StreamingClient client)
    {
        var records = await LoadDriver.WarmUpAsync(client, [new PlannedRequest(-1, TimeSpan.Zero, "id=-1 tokens=1", null, 1)], CancellationToken.None);
        Assert.Equal(RequestStatus.Succeeded, records[0].Status);
    }

    [Fact]
    public async Task ConcurrencyLimit_HoldsAndQueuesInClient()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var plan = Plan(12, _ => 0, i => $"id={i} tokens=4 gap_ms=15");
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { MaxConcurrency = 3 }, CancellationToken.None);

        Assert.Equal(StopReason.Completed, run.StopReason);
        Assert.Equal(12, run.Records.Count);
        Assert.All(run.Records, r => Assert.Equal(RequestStatus.Succeeded, r.Status));
        Assert.Equal(3, server.MaxInFlight);

        // The last request waited for a slot at least three rounds of ~45 ms streams.
        Assert.True(run.Records[^1].QueuedSeconds > 0.05, $"queued {run.Records[^1].QueuedSeconds} s");
        Assert.True(run.Records[0].QueuedSeconds < 0.05, $"queued {run.Records[0].QueuedSeconds} s");
    }

    [Fact]
    public async Task AbsoluteSchedule_LateSendsDoNotShiftLaterOnes()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);

        // One slot; request 0 holds it ~250 ms, so requests 1 and 2 (due at 20 and 40 ms) go late.
        // Request 3 is due at 400 ms and must go then, not 400 ms plus their lateness.
        double[] offsets = [0, 20, 40, 400];
        var plan = Plan(4, i => offsets[i], i => i == 0 ? "id=0 tokens=2 first_ms=250" : $"id={i} tokens=2");
        await WarmUpAsync(client);
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { MaxConcurrency = 1 }, CancellationToken.None);

        var timelines = run.ToTimelines();
        for (var i = 0; i < offsets.Length; i++)
        {
            Assert.Equal(offsets[i] / 1000, timelines[i].ScheduledSeconds, 6);
        }

        Assert.True(timelines[1].ArrivalSeconds >= 0.25, $"request 1 sent at {timelines[1].ArrivalSeconds} s");
        Assert.InRange(timelines[3].ArrivalSeconds, 0.4, 0.55);
        Assert.All(run.Records, r => Assert.True(r.SendTimestamp >= r.ScheduledTimestamp, $"request {r.Index} sent before it was due"));
        Assert.True(run.Records[3].QueuedSeconds < 0.15, $"request 3 queued {run.Records[3].QueuedSeconds} s");
    }

    [Fact]
    public async Task Interrupt_StopsSendingAndDrains()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var plan = Plan(40, i => i * 50, i => $"id={i} tokens=3 gap_ms=40");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { DrainTimeout = TimeSpan.FromSeconds(5) }, stop.Token);

        Assert.Equal(StopReason.Interrupted, run.StopReason);
        Assert.True(run.Interrupted);
        Assert.Equal(40, run.PlannedCount);
        Assert.InRange(run.Records.Count, 2, 12);

        // In-flight requests had time to finish.
        Assert.All(run.Records, r => Assert.Equal(RequestStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task Interrupt_CancelsStalledAfterDrainTimeout()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server, TimeSpan.FromSeconds(30));
        var plan = Plan(3, _ => 0, i => $"id={i} tokens=5 fault=stall fault_after=0");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { DrainTimeout = TimeSpan.FromMilliseconds(200) }, stop.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(StopReason.Interrupted, run.StopReason);
        Assert.Equal(3, run.Records.Count);
        Assert.All(run.Records, r => Assert.Equal(RequestStatus.Cancelled, r.Status));
        Assert.All(run.Records, r => Assert.Equal(1, r.TextChunks));
    }

    [Fact]
    public async Task FailureThreshold_StopsRun()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var plan = Plan(50, i => i * 30, _ => "fault=status");
        await WarmUpAsync(client);
        await LoadDriver.WarmUpAsync(client, [new PlannedRequest(-2, TimeSpan.Zero, "fault=status", null, 1)], CancellationToken.None);
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { MaxFailures = 2 }, CancellationToken.None);

        // Three failures stop the run; sends already due while the third was in flight still go.
        Assert.Equal(StopReason.FailureThreshold, run.StopReason);
        Assert.InRange(run.Records.Count, 3, 49);
        Assert.All(run.Records, r => Assert.Equal(ErrorKind.HttpStatus, r.Error));
    }

    [Fact]
    public async Task Failures_BelowThreshold_DoNotStop()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var plan = Plan(6, _ => 0, i => i % 2 == 0 ? $"id={i} tokens=2" : "fault=error_event tokens=4 fault_after=1");
        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions { MaxFailures = 5 }, CancellationToken.None);

        Assert.Equal(StopReason.Completed, run.StopReason);
        Assert.Equal(3, run.Records.Count(r => r.Error == ErrorKind.ErrorEvent));
        Assert.Equal(3, run.Records.Count(r => r.Status == RequestStatus.Succeeded));
    }

    [Fact]
    public async Task BackwardOffsets_Rejected()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var plan = Plan(2, i => 100 - (i * 50), _ => "tokens=1");
        await Assert.ThrowsAsync<ArgumentException>(() => LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task Warmup_SendsBeforeMeasuring()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var records = await LoadDriver.WarmUpAsync(client, Plan(2, _ => 0, i => $"id={i} tokens=2"), CancellationToken.None);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(RequestStatus.Succeeded, r.Status));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Readiness_ListsModels()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = Client(server);
        var ready = await ReadinessProbe.WaitAsync(client.Http, server.BaseAddress, null, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50), CancellationToken.None);
        Assert.True(ready.Ready);
        Assert.Equal(["test-model"], ready.ModelIds);
    }

    [Fact]
    public async Task Readiness_FallsBackToHealth()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ModelsRouteMissing = true;
        using var client = Client(server);
        var ready = await ReadinessProbe.WaitAsync(client.Http, server.BaseAddress, null, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50), CancellationToken.None);
        Assert.True(ready.Ready);
        Assert.Null(ready.ModelIds);
    }

    [Fact]
    public async Task Readiness_ClosedPort_RetriesThenGivesUp()
    {
        Uri address;
        await using (var server = await ScriptedServer.StartAsync())
        {
            address = server.BaseAddress;
        }

        using var http = new HttpClient();
        var ready = await ReadinessProbe.WaitAsync(http, address, null, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(100), CancellationToken.None);
        Assert.False(ready.Ready);
        Assert.True(ready.Attempts >= 2, $"{ready.Attempts} attempts");
        Assert.NotNull(ready.LastError);
    }
}
