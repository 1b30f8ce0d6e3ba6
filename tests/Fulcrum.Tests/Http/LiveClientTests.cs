using System.Diagnostics;
using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;

namespace Fulcrum.Tests.Http;

/// <summary>The client against a real Kestrel server on 127.0.0.1 that streams scripted responses.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class LiveClientTests
{
    private static StreamingClient Client(ScriptedServer server, TimeSpan? timeout = null, ApiKey? key = null) =>
        new(server.BaseAddress, new RequestSettings(EndpointKind.Completions, "test-model"), new ClientOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10), ApiKey = key });

    private static async Task<RequestRecord> SendAsync(ScriptedServer server, string prompt, TimeSpan? timeout = null)
    {
        using var client = Client(server, timeout);
        var record = new RequestRecord(0) { ScheduledTimestamp = Stopwatch.GetTimestamp() };
        await client.SendAsync(record, prompt, 16, CancellationToken.None);
        return record;
    }

    [Fact]
    public async Task Stream_TokenTimesFollowServerWrites()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "id=1 tokens=12 first_ms=30 gap_ms=15");
        Assert.Equal(RequestStatus.Succeeded, record.Status);
        Assert.Equal(12, record.OutputTokens);
        Assert.Equal(7, record.InputTokens);
        Assert.Equal(TokenCountSource.Usage, record.OutputTokenSource);
        Assert.False(record.MultiTokenChunks);

        // Same clock on both sides: the client never sees a token before the server flushed it, and
        // sees it soon after. The bound is loose on purpose (a shared 2-core machine); the benchmark
        // measures the real client-added error.
        var writes = server.TokenWrites[1];
        Assert.Equal(writes.Count, record.TokenTimestamps.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            var lag = Stopwatch.GetElapsedTime(writes[i], record.TokenTimestamps[i]);
            Assert.True(lag >= TimeSpan.Zero || lag > TimeSpan.FromMilliseconds(-1), $"token {i} seen {lag.TotalMilliseconds} ms before it was written");
            Assert.True(lag < TimeSpan.FromMilliseconds(250), $"token {i} seen {lag.TotalMilliseconds} ms after it was written");
        }

        Assert.True(Stopwatch.GetElapsedTime(record.SendTimestamp, record.FirstTokenTimestamp!.Value) >= TimeSpan.FromMilliseconds(29));
    }

    [Fact]
    public async Task ErrorStatus_IsHttpStatusWithMessage()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "fault=status");
        Assert.Equal(ErrorKind.HttpStatus, record.Error);
        Assert.Equal(404, record.HttpStatus);
        Assert.Contains("The model `nope` does not exist.", record.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorEventMidStream_IsFailure()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "tokens=6 fault=error_event fault_after=2");
        Assert.Equal(RequestStatus.Failed, record.Status);
        Assert.Equal(ErrorKind.ErrorEvent, record.Error);
        Assert.Equal(200, record.HttpStatus);
        Assert.Equal(3, record.TextChunks);
    }

    [Fact]
    public async Task DroppedConnection_IsConnectionError()
    {
        await using var server = await ScriptedServer.StartAsync();
        // The gap lets the client read the first tokens: a reset drops data still unread in the kernel.
        var record = await SendAsync(server, "tokens=6 gap_ms=40 fault=drop fault_after=1");
        Assert.Equal(ErrorKind.Connection, record.Error);
        Assert.Contains("while streaming", record.ErrorMessage, StringComparison.Ordinal);

        // Token 0 was read during the gap; token 1, written just before the reset, may be lost with it.
        Assert.InRange(record.TextChunks, 1, 2);
    }

    [Fact]
    public async Task StalledStream_TimesOut()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "tokens=6 fault=stall fault_after=0", TimeSpan.FromMilliseconds(400));
        Assert.Equal(ErrorKind.Timeout, record.Error);
        Assert.Contains("after 1 chunks", record.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoText_IsEmptyOutputNotZeroTtft()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "fault=empty");
        Assert.Equal(ErrorKind.EmptyOutput, record.Error);
        Assert.Null(record.FirstTokenTimestamp);
        Assert.Null(record.OutputTokens);
    }

    [Fact]
    public async Task JsonAnswer_IsNotAStream()
    {
        await using var server = await ScriptedServer.StartAsync();
        var record = await SendAsync(server, "fault=json");
        Assert.Equal(ErrorKind.MalformedStream, record.Error);
        Assert.Contains("does not stream", record.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedPort_IsConnectionError()
    {
        Uri address;
        await using (var server = await ScriptedServer.StartAsync())
        {
            address = server.BaseAddress;
        }

        using var client = new StreamingClient(address, new RequestSettings(EndpointKind.Chat, "m"), new ClientOptions { ConnectTimeout = TimeSpan.FromSeconds(2) });
        var record = new RequestRecord(0);
        await client.SendAsync(record, "x", 4, CancellationToken.None);
        Assert.Equal(ErrorKind.Connection, record.Error);
        Assert.Null(record.HttpStatus);
    }

    [Fact]
    public async Task ApiKey_SentAsBearerAndHidden()
    {
        const string Variable = "FULCRUM_TEST_API_KEY";
        Environment.SetEnvironmentVariable(Variable, "s3cret-value");
        try
        {
            await using var server = await ScriptedServer.StartAsync();
            server.RequiredApiKey = "s3cret-value";
            var key = ApiKey.FromEnvironment(Variable);
            using var client = Client(server, key: key);
            var record = new RequestRecord(0);
            await client.SendAsync(record, "tokens=2", 4, CancellationToken.None);
            Assert.Equal(RequestStatus.Succeeded, record.Status);
            Assert.DoesNotContain("s3cret", key.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void ApiKey_UnsetVariable_IsBadInput()
    {
        var ex = Assert.Throws<Fulcrum.Errors.InputException>(() => ApiKey.FromEnvironment("FULCRUM_TEST_UNSET_VARIABLE"));
        Assert.Contains("FULCRUM_TEST_UNSET_VARIABLE", ex.Message, StringComparison.Ordinal);
    }
}
