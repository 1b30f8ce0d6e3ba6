using System.Globalization;
using System.Net.Http;
using System.Text;
using Fulcrum.Http.Client;
using Fulcrum.Http.Transport;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>Response bytes for <see cref="RawServer"/> scripts, and the client under test.</summary>
internal static class RawResponses
{
    public const string ChunkedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    public const string LastChunk = "0\r\n\r\n";

    /// <summary>One chunk of the chunked coding holding <paramref name="data"/> (Latin-1).</summary>
    public static string Chunk(string data) =>
        Encoding.Latin1.GetByteCount(data).ToString("x", CultureInfo.InvariantCulture) + "\r\n" + data + "\r\n";

    /// <summary>A whole chunked response, one chunk per piece of data.</summary>
    public static string ChunkedResponse(params string[] data) =>
        ChunkedHead + string.Concat(data.Select(Chunk)) + LastChunk;

    /// <summary>A keep-alive response with a Content-Length body.</summary>
    public static string LengthResponse(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>An <see cref="HttpClient"/> on the transport under test; the timeout stops a broken test from hanging.</summary>
    public static HttpClient Client(ClientOptions? options = null) =>
        new(new Http11StreamingHandler(options ?? new ClientOptions())) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Sends a GET and returns the response with its body unread.</summary>
    public static Task<HttpResponseMessage> GetHeadAsync(this HttpClient client, Uri uri, CancellationToken cancel = default) =>
        client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancel);

    /// <summary>A signal between a test and a server script; continuations run off the thread that sets it.</summary>
    public static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads from <paramref name="body"/> until <paramref name="bytes"/> bytes have arrived.</summary>
    public static async Task<string> ReadExactlyAsync(Stream body, int bytes)
    {
        var buffer = new byte[bytes];
        await body.ReadExactlyAsync(buffer);
        return Encoding.Latin1.GetString(buffer);
    }
}
