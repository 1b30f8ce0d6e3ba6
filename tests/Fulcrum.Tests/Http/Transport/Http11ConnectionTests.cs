using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using Fulcrum.Http.Client;
using Fulcrum.Http.Transport;
using static Fulcrum.Tests.Http.Transport.RawResponses;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>
/// <see cref="Fulcrum.Http.Transport.Http11StreamingHandler"/>'s connections: the request bytes, pooling,
/// retries, limits and failures, against a raw loopback server.
/// </summary>
public class Http11ConnectionTests
{
    [Fact]
    public async Task Request_BytesOnWire()
    {
        await using var server = RawServer.Answering(LengthResponse("ok"));
        using var client = Client();
        var json = "{\"prompt\":\"héllo\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "v1/completions?stream=1"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Request-Id", "fulcrum-1234-7");
        request.Headers.Host = "ignored.example";

        // A wrong length given by the caller is replaced by the real one.
        request.Content.Headers.ContentLength = 999;
        using var response = await client.SendAsync(request);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());

        var received = Assert.Single(server.Requests);
        Assert.Equal("POST /v1/completions?stream=1 HTTP/1.1", received.RequestLine);
        Assert.Equal(server.BaseAddress.Authority, received.Header("Host"));
        Assert.Equal("fulcrum-1234-7", received.Header("X-Request-Id"));
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));

        // "é" is two bytes in UTF-8, so the length is one more than the character count.
        Assert.Equal([(json.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], received.Headers("Content-Length"));
        Assert.Equal(json, received.BodyText);
    }

    [Fact]
    public async Task Request_TransferEncodingDropped()
    {
        // The body goes with a Content-Length, so a chunked Transfer-Encoding field would make the server misread it.
        await using var server = RawServer.Answering(LengthResponse("ok"));
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseAddress) { Content = new StringContent("{}") };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);
        var received = Assert.Single(server.Requests);
        Assert.Empty(received.Headers("Transfer-Encoding"));
        Assert.Equal("2", received.Header("Content-Length"));
        Assert.Equal("{}", received.BodyText);
    }

    [Fact]
    public async Task Request_GetHasNoLength()
    {
        await using var server = RawServer.Answering(LengthResponse("ok"));
        using var client = Client();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "health"));
        var received = Assert.Single(server.Requests);
        Assert.Equal("GET /health HTTP/1.1", received.RequestLine);
        Assert.Empty(received.Headers("Content-Length"));
        Assert.Empty(received.Body);
    }

    [Fact]
    public async Task Request_LineBreakInHeaderRejected()
    {
        await using var server = RawServer.Answering(LengthResponse("ok"));
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseAddress);
        request.Headers.TryAddWithoutValidation("X-Bad", "a\r\nX-Injected: 1");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Contains("X-Bad", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Options_OutOfRangeRejected()
    {
        var buffer = Assert.Throws<ArgumentOutOfRangeException>(() => new Http11StreamingHandler(new ClientOptions { ReadBufferBytes = 0 }));
        Assert.Contains("ReadBufferBytes", buffer.Message, StringComparison.Ordinal);
        var slots = Assert.Throws<ArgumentOutOfRangeException>(() => new Http11StreamingHandler(new ClientOptions { MaxConnectionsPerServer = 0 }));
        Assert.Contains("MaxConnectionsPerServer", slots.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_Rejected()
    {
        using var client = Client();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("https://127.0.0.1:1/")));
        Assert.Contains("plain http:// requests only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleClose_Reconnects()
    {
        var closed = Signal();
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(LengthResponse("ok"));
            if (connection.Index == 1)
            {
                connection.Close();
                closed.SetResult();
            }
        });
        using var client = Client();

        using (var first = await client.GetAsync(server.BaseAddress))
        {
            Assert.Equal("ok", await first.Content.ReadAsStringAsync());
        }

        await closed.Task;
        using var second = await client.GetAsync(server.BaseAddress);
        Assert.Equal("ok", await second.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task ClosedOnRequest_RetriesOnNewConnection()
    {
        // The first connection serves one request, then closes on reading the next without a response byte,
        // as a server does when its idle timeout races a new request.
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(LengthResponse("ok"));
            if (connection.Index == 1)
            {
                await connection.ReadRequestAsync();
                connection.Close();
            }
        });
        using var client = Client();

        using (var first = await client.GetAsync(server.BaseAddress))
        {
            Assert.Equal("ok", await first.Content.ReadAsStringAsync());
            Assert.False(first.RequestMessage!.Options.TryGetValue(Http11StreamingHandler.Resent, out _));
        }

        using var second = await client.GetAsync(new Uri(server.BaseAddress, "second"));
        Assert.Equal("ok", await second.Content.ReadAsStringAsync());
        Assert.True(second.RequestMessage!.Options.TryGetValue(Http11StreamingHandler.Resent, out var resent));
        Assert.True(resent);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([(1, "GET / HTTP/1.1"), (1, "GET /second HTTP/1.1"), (2, "GET /second HTTP/1.1")], server.Requests.Select(r => (r.Connection, r.RequestLine)));
    }

    [Fact]
    public async Task StalePool_RetriesOnce()
    {
        // Two concurrent requests leave two pooled connections, and both close on their next request.
        using var bothArrived = new CountdownEvent(2);
        var pooled = Signal();
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            if (connection.Index <= 2)
            {
                if (bothArrived.Signal())
                {
                    pooled.SetResult();
                }

                await connection.WaitAsync(pooled.Task);
                await connection.WriteAsync(LengthResponse("ok"));
                await connection.ReadRequestAsync();
                connection.Close();
                return;
            }

            await connection.WriteAsync(LengthResponse("fresh"));
        });
        using var client = Client();

        var first = await Task.WhenAll(client.GetStringAsync(server.BaseAddress), client.GetStringAsync(server.BaseAddress));
        Assert.Equal(["ok", "ok"], first);

        // The retry after the first stale connection goes to a new connection, not to the other stale one.
        Assert.Equal("fresh", await client.GetStringAsync(new Uri(server.BaseAddress, "third")));
        Assert.Equal(3, server.Accepted);
        Assert.Equal(2, server.Requests.Count(r => r.RequestLine == "GET /third HTTP/1.1"));
    }

    [Fact]
    public async Task NewConnectionClosed_NoRetry()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            connection.Close();
        });
        using var client = Client();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseAddress));
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Contains("closed the connection before sending a response", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Refused_NamesAddress()
    {
        // A port that was just free and now has no listener refuses the connection.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = Client();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{port}/")));
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectTimeout_Throws()
    {
        // Linux drops a SYN while a listener's accept queue is full, so once a backlog-1 listener has queued
        // all the connections it can, the next connect hangs until the client gives up.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            var full = false;
            for (var i = 0; i < 16 && !full; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(endPoint);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // A loopback handshake completes within microseconds unless the SYN was dropped.
                    full = !filler.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectWrite);
                }
            }

            Assert.True(full, "the listener's accept queue never filled");
            using var client = Client(new ClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(100) });

            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://{endPoint}/")));
            Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
            Assert.Contains($"connecting to {endPoint} timed out after 0.1 s", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public async Task ConnectionCap_Serializes()
    {
        var release = Signal();
        var requests = 0;
        await using var server = RawServer.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                if (Interlocked.Increment(ref requests) == 1)
                {
                    await connection.WriteAsync(ChunkedHead + Chunk("a"));
                    await connection.WaitAsync(release.Task);
                    await connection.WriteAsync(LastChunk);
                }
                else
                {
                    await connection.WriteAsync(ChunkedResponse("b"));
                }
            }
        });
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });

        using var first = await client.GetHeadAsync(server.BaseAddress);

        // Without the cap the second request would open its own connection right away.
        var second = client.GetAsync(server.BaseAddress);
        Assert.False(second.IsCompleted);
        release.SetResult();
        Assert.Equal("a", await first.Content.ReadAsStringAsync());
        using var secondResponse = await second;
        Assert.Equal("b", await secondResponse.Content.ReadAsStringAsync());
        Assert.Equal(1, server.Accepted);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CancelBeforeHead_FreesSlot()
    {
        var arrived = Signal();
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            if (connection.Index == 1)
            {
                arrived.SetResult();
                await connection.WaitAsync(Task.Delay(Timeout.Infinite));
            }

            await connection.WriteAsync(LengthResponse("ok"));
        });
        using var client = Client(new ClientOptions { MaxConnectionsPerServer = 1 });
        using var cancel = new CancellationTokenSource();

        var first = client.GetHeadAsync(server.BaseAddress, cancel.Token);
        await arrived.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        // The cancelled request gave back its connection slot, and its connection is not reused.
        Assert.Equal("ok", await client.GetStringAsync(server.BaseAddress));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task Dispose_ClosesPooledConnections()
    {
        var clientClosed = Signal();
        await using var server = RawServer.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                await connection.WriteAsync(LengthResponse("ok"));
            }

            clientClosed.SetResult();
        });
        var client = Client();
        Assert.Equal("ok", await client.GetStringAsync(server.BaseAddress));

        client.Dispose();
        await clientClosed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
