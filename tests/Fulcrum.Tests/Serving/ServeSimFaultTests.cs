using System.Diagnostics;
using System.Text.Json;
using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Serving;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>serve-sim's faults through the bench client: each must count as its own error kind, and nothing may crash.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimFaultTests
{
    public static TheoryData<string, ErrorKind?> Faults => new()
    {
        { "status:503=1", ErrorKind.HttpStatus },
        { "error-event:2=1", ErrorKind.ErrorEvent },
        { "drop:2=1", ErrorKind.Connection },
        { "stall:1=1", ErrorKind.Timeout },
        { "malformed:1=1", ErrorKind.MalformedStream },
        { "empty=1", ErrorKind.EmptyOutput },
        { "slow:20=1", null },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_CountsAsItsErrorKind(string fault, ErrorKind? expected)
    {
        // Only a stall needs the request timeout to fire. Every other fault gets a generous one, so a busy CI
        // machine cannot turn its error into a timeout.
        await using var server = await TwinServer.StartAsync(fault);
        var timeout = TimeSpan.FromSeconds(fault.StartsWith("stall", StringComparison.Ordinal) ? 1.5 : 30);
        using var client = new StreamingClient(
            server.Address,
            new RequestSettings(EndpointKind.Completions, TwinServer.Model),
            new ClientOptions { RequestTimeout = timeout });
        var plan = Enumerable.Range(0, 3).Select(i => new PlannedRequest(i, TimeSpan.Zero, " the of and to", 4, 6)).ToList();

        var run = await LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None);

        Assert.Equal(3, run.Records.Count);
        foreach (var record in run.Records)
        {
            Assert.Equal(expected, record.Error);
            Assert.Equal(expected is null ? RequestStatus.Succeeded : RequestStatus.Failed, record.Status);
        }

        var metrics = run.ComputeMetrics(null, null, reportClientQueue: false);
        Assert.Equal(expected is null ? 3 : 0, metrics.Completed);
    }

    [Fact]
    public async Task FaultHeader_SelectsFaultPerRequest()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "v1/completions"))
        {
            Content = new StringContent($$"""{"model":"{{TwinServer.Model}}","prompt":"the of","max_tokens":3}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Fault.Header, "status:429");
        using var response = await http.SendAsync(request);
        Assert.Equal(429, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", body.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Bench_CountsMixedFaultsByKind()
    {
        // Half the requests get an error event after one token; the run goes on and reports them by kind.
        await using var server = await TwinServer.StartAsync("error-event:1=0.5");
        var json = Path.Combine(Path.GetTempPath(), $"fulcrum-faults-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _, error) = await Task.Run(() => CliRunner.Run(
                "bench", "--url", server.Address.AbsoluteUri, "--input-len", "8", "--output-len", "4", "--num-prompts", "20", "--warmup", "0", "--json", json));

            // The check request may itself draw the fault; then bench reports it as bad input, which is also no crash.
            Assert.True(code is 0 or 2, error);
            if (code == 0)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(json));
                var root = document.RootElement;
                var errorEvents = root.GetProperty("errors").GetProperty("error_event").GetInt32();
                Assert.Equal(20, root.GetProperty("completed").GetInt32() + errorEvents);
                Assert.Equal(errorEvents, root.GetProperty("failed").GetInt32());
                Assert.InRange(errorEvents, 1, 19);
            }
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Bench_InterruptedRunWritesResults()
    {
        await using var server = await TwinServer.StartAsync();
        var json = Path.Combine(Path.GetTempPath(), $"fulcrum-stop-{Guid.NewGuid():N}.json");
        var records = Path.ChangeExtension(json, ".jsonl");
        using var stop = new CancellationTokenSource();
        try
        {
            // 80 requests of 24 tokens one at a time take about 20 s; stop after 4 s, time enough for the first ones under load.
            string[] args = ["bench", "--url", server.Address.AbsoluteUri, "--input-len", "64", "--output-len", "24", "--num-prompts", "80",
                "--max-concurrency", "1", "--json", json, "--records", records];
            var run = Task.Run(() =>
            {
                using var output = new StringWriter();
                using var error = new StringWriter();
                return CliApp.Run(args, output, error, io => [BenchCommand.Create(io, stop.Token)]);
            });
            stop.CancelAfter(TimeSpan.FromSeconds(4));
            var started = Stopwatch.GetTimestamp();
            var code = await run;

            Assert.Equal(BenchCommand.Interrupted, code);
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "the interrupted run did not stop promptly");
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var root = document.RootElement;
            Assert.True(root.GetProperty("interrupted").GetBoolean());
            Assert.Equal("interrupted", root.GetProperty("stop_reason").GetString());
            Assert.InRange(root.GetProperty("completed").GetInt32(), 1, 79);
            Assert.Equal(root.GetProperty("sent_requests").GetInt32(), File.ReadAllLines(records).Length);
        }
        finally
        {
            File.Delete(json);
            File.Delete(records);
        }
    }

    [Fact]
    public async Task Bench_SecondStopCancelsInFlight()
    {
        await using var server = await TwinServer.StartAsync();
        var json = Path.Combine(Path.GetTempPath(), $"fulcrum-abort-{Guid.NewGuid():N}.json");
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        try
        {
            // Two streams of 8,000 tokens run for minutes, so both are still in flight at the stop and the
            // 10 s drain time would run out. The second stop must end the run long before that.
            string[] args = ["bench", "--url", server.Address.AbsoluteUri, "--input-len", "16", "--output-len", "8000", "--num-prompts", "2",
                "--max-concurrency", "2", "--json", json];
            using var output = new StringWriter();
            using var error = new StringWriter();
            var run = Task.Run(() => CliApp.Run(args, output, error, io => [BenchCommand.Create(io, stop.Token, abort.Token)]));
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            var stopped = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await abort.CancelAsync();
            var code = await run.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(BenchCommand.Interrupted, code);
            Assert.True(Stopwatch.GetElapsedTime(stopped) < TimeSpan.FromSeconds(7), "the second stop did not cancel the in-flight requests");
            Assert.Contains("waiting up to 10 s", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("Cancelling in-flight requests now", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("2 cancelled in flight", output.ToString(), StringComparison.Ordinal);
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var root = document.RootElement;
            Assert.True(root.GetProperty("interrupted").GetBoolean());
            Assert.Equal(2, root.GetProperty("cancelled_requests").GetInt32());
        }
        finally
        {
            File.Delete(json);
        }
    }
}
