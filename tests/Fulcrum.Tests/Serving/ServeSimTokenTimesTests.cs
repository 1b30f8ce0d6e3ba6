using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Serving;
using Fulcrum.Performance;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>Request ids between the bench client and serve-sim, and the server's own token times (--token-times).</summary>
[Collection(LoopbackTimingGroup.Name)]
public partial class ServeSimTokenTimesTests
{
    [Fact]
    public async Task TokenTimes_PrecedeClientReceiveTimes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-token-times-{Guid.NewGuid():N}.jsonl");
        var deployment = TwinServer.Deployment();
        RequestRecord[] records;
        var server = await SimServer.StartAsync(
            new SimServerOptions { Deployment = deployment, CostModel = new StepCostModel(deployment), Port = 0, TokenTimesPath = path },
            configureLogging: _ => { });
        try
        {
            using var client = new StreamingClient(server.Address, new RequestSettings(EndpointKind.Completions, TwinServer.Model), new ClientOptions());
            var plan = Enumerable.Range(0, 3).Select(i => new PlannedRequest(i, TimeSpan.Zero, " the of and to", 4, 5)).ToList();
            var run = await LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None);
            records = [.. run.Records];
        }
        finally
        {
            await server.DisposeAsync();
        }

        try
        {
            // One random prefix per client, then the index: fulcrum-<8 hex digits>-<index>.
            Assert.All(records, r => Assert.Matches(RequestIdPattern(), r.RequestId));
            Assert.Equal(3, records.Select(r => r.RequestId).Distinct().Count());
            Assert.Single(records.Select(r => r.RequestId![..^1]).Distinct());

            var lines = File.ReadAllLines(path);
            Assert.Equal(3, lines.Length);
            foreach (var line in lines)
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var record = Assert.Single(records, r => r.RequestId == root.GetProperty("request_id").GetString());
                var before = root.GetProperty("token_times_ns").EnumerateArray().Select(t => t.GetInt64()).ToArray();
                var after = root.GetProperty("flushed_ns").EnumerateArray().Select(t => t.GetInt64()).ToArray();
                Assert.Equal(5, before.Length);
                Assert.Equal(5, after.Length);
                Assert.Equal(5, record.TokenTimestamps.Count);
                for (var i = 0; i < 5; i++)
                {
                    // One monotonic clock: a flush ends after it starts, and the client cannot read a token before
                    // the flush that sends it starts (it may read it before the flush returns). Tokens leave in order.
                    Assert.True(after[i] >= before[i]);
                    Assert.True(TokenTimesLog.ToNanoseconds(record.TokenTimestamps[i]) >= before[i], $"token {i} read before the server started flushing it");
                    Assert.True(i == 0 || before[i] >= before[i - 1]);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TokenTimesLog_DropsUnfinishedFlush()
    {
        // Three tokens went into flushes, but the last flush threw (the client hung up): only two have both times.
        var log = new TokenTimesLog();
        log.Add("r-1", [1_000, 2_000, 3_000], [1_500, 2_500]);
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-token-log-{Guid.NewGuid():N}.jsonl");
        try
        {
            log.WriteTo(path);

            using var document = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path)));
            var root = document.RootElement;
            Assert.Equal("r-1", root.GetProperty("request_id").GetString());
            var before = root.GetProperty("token_times_ns").EnumerateArray().Select(t => t.GetInt64()).ToArray();
            var after = root.GetProperty("flushed_ns").EnumerateArray().Select(t => t.GetInt64()).ToArray();
            Assert.Equal([TokenTimesLog.ToNanoseconds(1_000), TokenTimesLog.ToNanoseconds(2_000)], before);
            Assert.Equal([TokenTimesLog.ToNanoseconds(1_500), TokenTimesLog.ToNanoseconds(2_500)], after);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RequestIdHeader_NamesTheResponse()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "v1/completions"))
        {
            Content = new StringContent($$"""{"model":"{{TwinServer.Model}}","prompt":"the of","max_tokens":2,"stream":true}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Request-Id", "trace-42");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("trace-42", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        var chunks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e != "data: [DONE]").ToList();
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.Equal("cmpl-trace-42", JsonDocument.Parse(c["data: ".Length..]).RootElement.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TokenEvent_IsTheChunkVllmSends(bool chat, bool last)
    {
        // The event is assembled from bytes built once per response. A quote and a backslash in the id and the
        // model name must still come out as valid JSON.
        var writer = new ChunkWriter("cmpl-\"7\\", "my \"model\"", chat, 1_700_000_000);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        writer.WriteTokenEvent(buffer, 3, last);
        writer.WriteTokenEvent(buffer, 3 + Fulcrum.Http.Prompts.RandomWordPrompts.Words.Length, last);

        var events = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, events.Length);
        Assert.Equal(events[0], events[1]);
        Assert.StartsWith("data: ", events[0], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(events[0]["data: ".Length..]);
        var root = document.RootElement;
        Assert.Equal("cmpl-\"7\\", root.GetProperty("id").GetString());
        Assert.Equal(chat ? "chat.completion.chunk" : "text_completion", root.GetProperty("object").GetString());
        Assert.Equal(1_700_000_000, root.GetProperty("created").GetInt64());
        Assert.Equal("my \"model\"", root.GetProperty("model").GetString());
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        var text = chat ? choice.GetProperty("delta").GetProperty("content").GetString() : choice.GetProperty("text").GetString();
        Assert.Equal(ChunkWriter.Token(3), text);
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal(last ? "length" : null, choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task TokenTimesMissingFolder_ExitsWith2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-missing-{Guid.NewGuid():N}", "times.jsonl");

        var (code, _, error) = await Task.Run(() => CliRunner.Run("serve-sim", "--port", "0", "--token-times", path)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [GeneratedRegex("^fulcrum-[0-9a-f]{8}-[0-2]$")]
    private static partial Regex RequestIdPattern();
}
