using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;
using static Fulcrum.Tests.Http.Transport.RawResponses;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>
/// <see cref="StreamingClient"/> on the streaming transport against a raw server: the client stops reading at
/// <c>data: [DONE]</c>, wherever the body's last framing bytes fall, and still keeps the connection.
/// </summary>
public class StreamingClientTransportTests
{
    private static readonly string[] Tokens = [" a", " b", " c"];

    private static readonly string DoneChunk = Chunk("data: [DONE]\n\n");

    /// <summary>The body up to the [DONE] event's chunk: one chunk per token and one with the usage.</summary>
    private static string TokenChunks(int id) =>
        string.Concat(Tokens.Select(token => Chunk($"data: {{\"id\":\"cmpl-{id}\",\"object\":\"text_completion\",\"choices\":[{{\"index\":0,\"text\":\"{token}\",\"finish_reason\":null}}]}}\n\n")))
        + Chunk($"data: {{\"id\":\"cmpl-{id}\",\"object\":\"text_completion\",\"choices\":[],\"usage\":{{\"prompt_tokens\":4,\"total_tokens\":7,\"completion_tokens\":3}}}}\n\n");

    /// <summary>
    /// Starts a server that responds to each request with the token chunks, then the rest of the body (the [DONE]
    /// chunk and the last chunk) cut at <paramref name="splitAt"/> into two writes 20 ms apart.
    /// </summary>
    private static RawServer Start(int splitAt) => RawServer.Start(async connection =>
    {
        var tail = DoneChunk + LastChunk;
        while (await connection.ReadRequestAsync() is not null)
        {
            await connection.WriteAsync(ChunkedHead + TokenChunks(connection.RequestCount));
            await connection.WriteAsync(tail[..splitAt]);
            if (splitAt < tail.Length)
            {
                await Task.Delay(20, connection.Stopping);
                await connection.WriteAsync(tail[splitAt..]);
            }
        }
    });

    private static StreamingClient Client(RawServer server, int maxConnections) =>
        new(
            server.BaseAddress,
            new RequestSettings(EndpointKind.Completions, "test-model"),
            new ClientOptions { RequestTimeout = TimeSpan.FromSeconds(10), Transport = ClientTransport.Streaming, MaxConnectionsPerServer = maxConnections });

    private static async Task<RequestRecord> SendAsync(StreamingClient client, int index)
    {
        var record = new RequestRecord(index);
        await client.SendAsync(record, "hello", 3, CancellationToken.None);
        Assert.True(record.Status == RequestStatus.Succeeded, $"request {index}: {record.Error} {record.ErrorMessage}");
        Assert.Equal(3, record.TextChunks);
        Assert.Equal(3, record.OutputTokens);
        Assert.Equal(TokenCountSource.Usage, record.OutputTokenSource);
        return record;
    }

    [Fact]
    public async Task DoneWithLastChunk_ReusesConnection()
    {
        // The [DONE] event and the last chunk come in one write, so the body ends within the read that
        // returns [DONE] and the connection is back in the pool before the client disposes the response.
        await using var server = Start(splitAt: DoneChunk.Length + LastChunk.Length);
        using var client = Client(server, maxConnections: int.MaxValue);

        await SendAsync(client, 0);
        await SendAsync(client, 1);
        Assert.Equal(1, server.Accepted);
        Assert.Equal([1, 1], server.Requests.Select(r => r.Connection));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    [InlineData(17)]
    [InlineData(19)]
    [InlineData(21)]
    public async Task DoneThenLastChunkLater_ReusesConnection(int offsetInTail)
    {
        // The tail is "e\r\ndata: [DONE]\n\n\r\n0\r\n\r\n": the cuts fall before it, inside the event, before
        // the CR LF after its data, before the last chunk, and inside the last chunk. One connection slot
        // makes the second request wait for the drain that reads the rest after the client disposes the response.
        Assert.Equal("e\r\ndata: [DONE]\n\n\r\n0\r\n\r\n", DoneChunk + LastChunk);
        await using var server = Start(splitAt: offsetInTail);
        using var client = Client(server, maxConnections: 1);

        var first = await SendAsync(client, 0);
        var second = await SendAsync(client, 1);
        Assert.Equal(1, server.Accepted);
        Assert.Equal(2, server.Requests.Count);
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.Equal([first.RequestId, second.RequestId], server.Requests.Select(r => r.Header("X-Request-Id")));
    }
}
