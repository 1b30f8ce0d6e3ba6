using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using Fulcrum.Http.Client;

namespace Fulcrum.Http.Transport;

/// <summary>
/// An HTTP/1.1 transport for plain <c>http://</c> that keeps a benchmark client's own timing error small
/// at thousands of concurrent streams. <see cref="SocketsHttpHandler"/> allocates two state machines for
/// every read of a chunked body that has to wait, one per streamed token. With thousands of streams open
/// the garbage collector then runs every second or so and copies each open stream's live objects, which
/// pauses the client for 10 to 20 ms (docs/BENCHMARKS.md). Here each connection owns its receive buffer
/// and reads reuse pooled state machines, so a streamed token allocates nothing.
/// </summary>
/// <remarks>
/// It sends one request per connection at a time (no pipelining) and keeps connections alive between
/// requests. A server may close an idle connection just as a request goes out on it, so a request whose
/// reused connection fails before any response byte arrives is sent once more on a new connection. It does not do TLS, proxies,
/// redirects, cookies, decompression or HTTP/2; <see cref="StreamingClient"/> uses .NET's handler for those.
/// </remarks>
public sealed class Http11StreamingHandler : HttpMessageHandler
{
    /// <summary>Request option set to true when the request was sent a second time on a new connection.</summary>
    public static readonly HttpRequestOptionsKey<bool> Resent = new("fulcrum.resent");

    private readonly ConcurrentStack<Http11Connection> _idle = new();
    private readonly SemaphoreSlim? _connectionSlots;
    private readonly int _bufferBytes;
    private readonly TimeSpan _connectTimeout;
    private volatile bool _disposed;

    public Http11StreamingHandler(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A zero-byte receive buffer would read every response as a closed connection, and zero
        // connection slots would make every request wait forever.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadBufferBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnectionsPerServer, 1);
        _bufferBytes = options.ReadBufferBytes;
        _connectTimeout = options.ConnectTimeout;
        if (options.MaxConnectionsPerServer < int.MaxValue)
        {
            _connectionSlots = new SemaphoreSlim(options.MaxConnectionsPerServer);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new HttpRequestException($"this transport sends plain http:// requests only, not {uri}; use .NET's SocketsHttpHandler for https://");
        }

        var body = await ReadBodyAsync(request.Content, cancellationToken).ConfigureAwait(false);
        var head = RequestHead.Format(request, body.Length);
        if (_connectionSlots is not null)
        {
            await _connectionSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await ExchangeAsync(request, uri, head, body, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _connectionSlots?.Release();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            DisposeIdle();
        }

        base.Dispose(disposing);
    }

    private void DisposeIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, Uri uri, byte[] head, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        var pooled = true;
        while (true)
        {
            var connection = await AcquireAsync(uri, pooled, cancel).ConfigureAwait(false);
            try
            {
                await connection.SendAsync(head, body, cancel).ConfigureAwait(false);
                var responseHead = await connection.ReadHeadAsync(request.Method, cancel).ConfigureAwait(false);
                return CreateResponse(request, connection, responseHead);
            }
            catch (IOException e)
            {
                connection.Dispose();
                if (connection.IsReused && !connection.ReceivedResponseBytes)
                {
                    // The server likely closed the idle connection as the request went out; a new one settles it.
                    // The retry skips the pool, where more stale connections may wait. A new connection is not
                    // reused, so its failure ends the loop, and the request goes out at most twice.
                    pooled = false;
                    request.Options.Set(Resent, true);
                    continue;
                }

                throw new HttpRequestException(e is HttpIOException http ? http.HttpRequestError : HttpRequestError.Unknown, ErrorMessages.Describe(e), e);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    /// <param name="pooled">Whether an idle connection from the pool may serve; false opens a new one.</param>
    private async ValueTask<Http11Connection> AcquireAsync(Uri uri, bool pooled, CancellationToken cancel)
    {
        while (pooled && _idle.TryPop(out var idle))
        {
            if (idle.IsIdleUsable())
            {
                return idle;
            }

            idle.Dispose();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(_connectTimeout);
        try
        {
            return await Http11Connection.ConnectAsync(EndPointOf(uri), _bufferBytes, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"connecting to {uri.Authority} timed out after {_connectTimeout.TotalSeconds:0.###} s", e);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{e.Message} ({uri.Authority})", e);
        }
    }

    private HttpResponseMessage CreateResponse(HttpRequestMessage request, Http11Connection connection, ResponseHead head)
    {
        var response = new HttpResponseMessage((HttpStatusCode)head.StatusCode)
        {
            Version = head.Version,
            RequestMessage = request,
        };
        if (head.ReasonPhrase.Length > 0)
        {
            response.ReasonPhrase = head.ReasonPhrase;
        }

        var content = new Http11Content(new Http11BodyStream(connection, head, Release));
        foreach (var (name, value) in head.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        response.Content = content;
        return response;
    }

    private void Release(Http11Connection connection, bool reusable)
    {
        if (reusable && !_disposed)
        {
            connection.IsReused = true;
            _idle.Push(connection);

            // Dispose may have emptied the pool between the check and the push.
            if (_disposed)
            {
                DisposeIdle();
            }
        }
        else
        {
            connection.Dispose();
        }

        _connectionSlots?.Release();
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContent? content, CancellationToken cancel) => content switch
    {
        null => ReadOnlyMemory<byte>.Empty,
        RequestBodyContent bytes => bytes.Bytes,
        _ => await content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false),
    };

    private static EndPoint EndPointOf(Uri uri) =>
        IPAddress.TryParse(uri.DnsSafeHost, out var address) ? new IPEndPoint(address, uri.Port) : new DnsEndPoint(uri.DnsSafeHost, uri.Port);
}
