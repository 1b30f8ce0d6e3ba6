using System.Net.Http;
using System.Text;
using Fulcrum.Http.Client;
using static Fulcrum.Tests.Http.Transport.RawResponses;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>
/// Responses disposed before their body ends, as an SSE reader does at <c>data: [DONE]</c>: the transport
/// reads the rest of the body to keep the connection, within a limit.
/// </summary>
public class Http11EarlyDisposeTests
{
    /// <summary>Sends a GET, reads the start of the body, checks it against <paramref name="expected"/> and disposes the response.</summary>
    private static async Task ReadStartAsync(HttpClient client, Uri uri, string expected)
    {
        using var response = await client.GetHeadAsync(uri);
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal(expected, await ReadExactlyAsync(body, expected.Length));
    }

    [Fact]
    public async Task EarlyDispose_NextRequestWorks()
    {
        // The first body never ends, so its connection stays busy draining and the next request opens another.
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            if (connection.Index == 1)
            {
                await connection.WriteAsync(ChunkedHead + Chunk("data: 1\n\n"));
                await connection.WaitAsync(Task.Delay(Timeout.Infinite));
            }

            await connection.WriteAsync(ChunkedResponse("data: 2\n\n", "data: [DONE]\n\n"));
        });
        using var client = Client();

        await ReadStartAsync(client, server.BaseAddress, "data: 1\n\n");

        Assert.Equal("data: 2\n\ndata: [DONE]\n\n", await client.GetStringAsync(server.BaseAddress));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task EarlyDispose_LaterEndReusesConnection()
    {
        // The final chunk is sent only after the client has disposed the response, so the background drain reads it.
        var disposed = Signal();
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(ChunkedHead + Chunk("data: [DONE]\n\n"));
            await connection.WaitAsync(disposed.Task);
            await connection.WriteAsync(LastChunk);
            while (await connection.ReadRequestAsync() is not null)
            {
                await connection.WriteAsync(ChunkedResponse("next"));
            }
        });

        // One connection slot makes the next request wait for the drain to hand the connection back.
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });

        await ReadStartAsync(client, server.BaseAddress, "data: [DONE]\n\n");

        disposed.SetResult();
        Assert.Equal("next", await client.GetStringAsync(server.BaseAddress));
        Assert.Equal(1, server.Accepted);
        Assert.Equal([1, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task EarlyDispose_BufferedEndReusesConnection()
    {
        // The whole response arrives in one write, so the rest of the body is already buffered at dispose.
        await using var server = RawServer.Answering(ChunkedResponse("data: a\n\n", "data: b\n\n", "data: [DONE]\n\n"));
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });

        for (var i = 0; i < 3; i++)
        {
            await ReadStartAsync(client, server.BaseAddress, "d");
        }

        Assert.Equal(1, server.Accepted);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task EarlyDispose_LongRestCloses()
    {
        // 2 MiB of body after the first read is more than the 1 MiB the drain reads, so the connection is closed.
        var block = Chunk(new string('x', 64 * 1024));
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            if (connection.Index == 1)
            {
                await connection.WriteAsync(ChunkedHead + Chunk("data: 1\n\n"));
                for (var i = 0; i < 32; i++)
                {
                    await connection.WriteAsync(block);
                }

                await connection.WriteAsync(LastChunk);
                return;
            }

            await connection.WriteAsync(ChunkedResponse("next"));
        });
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });

        await ReadStartAsync(client, server.BaseAddress, "data: 1\n\n");

        Assert.Equal("next", await client.GetStringAsync(server.BaseAddress));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task EarlyDispose_MalformedRestCloses()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            var response = connection.Index == 1 ? ChunkedHead + Chunk("data: 1\n\n") + "xyz\r\n" : ChunkedResponse("next");
            await connection.WriteAsync(response);
        });
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });

        using (var first = await client.GetHeadAsync(server.BaseAddress))
        {
            var body = await first.Content.ReadAsStreamAsync();

            // The data before the malformed size line still reaches the reader.
            var buffer = new byte[64];
            var read = await body.ReadAsync(buffer);
            Assert.Equal("data: 1\n\n", Encoding.Latin1.GetString(buffer, 0, read));
        }

        Assert.Equal("next", await client.GetStringAsync(server.BaseAddress));
        Assert.Equal(2, server.Accepted);
    }
}
