using System.Net;
using System.Net.Http;
using System.Text;
using Fulcrum.Http.Client;
using static Fulcrum.Tests.Http.Transport.RawResponses;

namespace Fulcrum.Tests.Http.Transport;

/// <summary><see cref="Fulcrum.Http.Transport.Http11StreamingHandler"/> reading responses framed byte by byte by a raw loopback server.</summary>
public class Http11ResponseTests
{
    private static readonly string[] Events = ["data: {\"t\":\"a\"}\n\n", "data: {\"t\":\"bc\"}\n\n", "data: {\"t\":\"def\"}\n\n", "data: [DONE]\n\n"];

    [Fact]
    public async Task ChunkedSse_ManyWrites()
    {
        // The whole chunked body cut into 5-byte writes, so size lines, CR LFs and data all split across reads.
        var body = string.Concat(Events.Select(Chunk)) + "0;end=1\r\nX-Trailer: t\r\n\r\n";
        var pieces = Enumerable.Range(0, (body.Length + 4) / 5).Select(i => body.Substring(i * 5, Math.Min(5, body.Length - (i * 5))));
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(ChunkedHead);
            await connection.WriteEachAsync(pieces, gapMs: 1);
        });
        using var client = Client();

        using var response = await client.GetAsync(server.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(string.Concat(Events), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ChunkedSse_EachEventSurfaces()
    {
        // The server sends an event only after the client has read the one before, so a transport that
        // waited for more bytes than one event would hang here.
        var read = Events.Select(_ => Signal()).ToArray();
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(ChunkedHead);
            for (var i = 0; i < Events.Length; i++)
            {
                await connection.WriteAsync(Chunk(Events[i]));
                await connection.WaitAsync(read[i].Task);
            }

            await connection.WriteAsync(LastChunk);
        });
        using var client = Client();

        using var response = await client.GetHeadAsync(server.BaseAddress);
        var body = await response.Content.ReadAsStreamAsync();
        for (var i = 0; i < Events.Length; i++)
        {
            Assert.Equal(Events[i], await ReadExactlyAsync(body, Events[i].Length));
            read[i].SetResult();
        }

        Assert.Equal(0, await body.ReadAsync(new byte[16]));
    }

    [Fact]
    public async Task ContentLength_Body()
    {
        await using var server = RawServer.Answering("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\nX-Custom: a b\r\n\r\nhello world");
        using var client = Client();

        using var response = await client.GetAsync(server.BaseAddress);
        Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
        Assert.Equal(11, response.Content.Headers.ContentLength);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["a b"], response.Headers.GetValues("X-Custom"));
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("OK", response.ReasonPhrase);
    }

    [Fact]
    public async Task CloseDelimited_Body()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ");
            await connection.WriteAsync("second");
            connection.Close();
        });
        using var client = Client();

        using (var response = await client.GetAsync(server.BaseAddress))
        {
            Assert.Equal("first second", await response.Content.ReadAsStringAsync());
        }

        // The server's close ended the body, so the next request needs a new connection.
        using var next = await client.GetAsync(server.BaseAddress);
        Assert.Equal("first second", await next.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task ConnectionClose_NewConnection()
    {
        // The server keeps its side open, so only the header stops the client from reusing the connection.
        await using var server = RawServer.Answering("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        using var client = Client();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(server.BaseAddress);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, server.Accepted);
        Assert.Equal([1, 2], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task KeepAlive_ReusesConnection()
    {
        await using var server = RawServer.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                var response = connection.RequestCount % 2 == 1 ? ChunkedResponse("chunked") : LengthResponse("length");
                await connection.WriteAsync(response);
            }
        });
        using var client = Client();

        foreach (var expected in new[] { "chunked", "length", "chunked" })
        {
            using var response = await client.GetAsync(server.BaseAddress);
            Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, server.Accepted);
        Assert.Equal([1, 1, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task InterimResponses_Skipped()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
            await Task.Delay(5);
            await connection.WriteAsync("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\n");
            await connection.WriteAsync("Content-Length: 4\r\n\r\ndone");
        });
        using var client = Client();

        using var response = await client.PostAsync(server.BaseAddress, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoBodyStatus_ReusesConnection()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n");
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            await connection.ReadRequestAsync();
            await connection.WriteAsync(LengthResponse("third"));
        });
        using var client = Client();

        using (var noContent = await client.GetAsync(server.BaseAddress))
        {
            Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
            Assert.Equal("", await noContent.Content.ReadAsStringAsync());
        }

        // A response to HEAD has no body, whatever its Content-Length states.
        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, server.BaseAddress)))
        {
            Assert.Equal(1000, head.Content.Headers.ContentLength);
            Assert.Equal("", await head.Content.ReadAsStringAsync());
        }

        using var third = await client.GetAsync(server.BaseAddress);
        Assert.Equal("third", await third.Content.ReadAsStringAsync());
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task BytesAfterBody_NotReused()
    {
        // Bytes after a complete body belong to no request, so the connection they came on is not trusted again.
        await using var server = RawServer.Answering(LengthResponse("ok") + "HTTP/1.1 200 OK\r\n");
        using var client = Client();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(server.BaseAddress);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task SmallReadBuffer_LongHead()
    {
        // A 20 KB header field grows a 16-byte receive buffer several times over.
        var long20k = new string('v', 20_000);
        await using var server = RawServer.Answering($"HTTP/1.1 200 OK\r\nX-Long: {long20k}\r\nTransfer-Encoding: chunked\r\n\r\n{Chunk("0123456789abcdefghij")}{LastChunk}");
        using var client = Client(new ClientOptions { ReadBufferBytes = 16 });

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(server.BaseAddress);
            Assert.Equal(long20k, Assert.Single(response.Headers.GetValues("X-Long")));
            Assert.Equal("0123456789abcdefghij", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task HeadOver64KiB_Throws()
    {
        await using var server = RawServer.Answering($"HTTP/1.1 200 OK\r\nX-Long: {new string('v', 70_000)}\r\n\r\n");
        using var client = Client();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseAddress));
        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        Assert.Contains("longer than 64 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidStatusLine_Throws()
    {
        await using var server = RawServer.Answering("HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var client = Client();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseAddress));
        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        Assert.Contains("\"HTTP/2 200 OK\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseMidChunk_ThrowsIOException()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(ChunkedHead + Chunk("data: whole\n\n") + "20\r\ndata: cut");
            connection.Close();
        });
        using var client = Client();

        using var response = await client.GetHeadAsync(server.BaseAddress);
        var body = await response.Content.ReadAsStreamAsync();
        var read = new MemoryStream();
        var error = await Assert.ThrowsAsync<HttpIOException>(() => body.CopyToAsync(read));
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Contains("before the response body ended", error.Message, StringComparison.Ordinal);
        Assert.Equal("data: whole\n\ndata: cut", Encoding.Latin1.GetString(read.ToArray()));
    }

    [Fact]
    public async Task CloseInsideLength_ThrowsIOException()
    {
        await using var server = RawServer.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
            connection.Close();
        });
        using var client = Client();

        using var response = await client.GetHeadAsync(server.BaseAddress);
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal("short", await ReadExactlyAsync(body, 5));
        var error = await Assert.ThrowsAsync<HttpIOException>(() => body.ReadAsync(new byte[64]).AsTask());
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
    }

    [Fact]
    public async Task MalformedChunkSize_ThrowsHttpIOException()
    {
        await using var server = RawServer.Answering(ChunkedHead + Chunk("data: ok\n\n") + "zz\r\nabc\r\n" + LastChunk);
        using var client = Client();

        using var response = await client.GetHeadAsync(server.BaseAddress);
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal("data: ok\n\n", await ReadExactlyAsync(body, 10));
        var error = await Assert.ThrowsAsync<HttpIOException>(() => body.ReadAsync(new byte[64]).AsTask());
        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        Assert.Contains("0x7A", error.Message, StringComparison.Ordinal);
    }
}
