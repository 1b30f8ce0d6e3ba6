using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Fulcrum.Http.Transport;

/// <summary>
/// One HTTP/1.1 connection: a TCP socket and the receive buffer that every response on it is parsed from.
/// The buffer lives as long as the connection, so a request reuses it rather than allocating one.
/// </summary>
internal sealed class Http11Connection : IDisposable
{
    /// <summary>Max size of a response head, in bytes; servers send a few hundred.</summary>
    internal const int MaxHeadBytes = 64 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer;
    private int _start;
    private int _end;

    private Http11Connection(Socket socket, int bufferBytes)
    {
        _socket = socket;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>Whether a request has completed on this connection before (it came from the pool).</summary>
    public bool IsReused { get; set; }

    /// <summary>Whether any byte of the current response has arrived; false allows a retry on a reused connection.</summary>
    public bool ReceivedResponseBytes { get; private set; }

    /// <summary>Received bytes not yet parsed.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Opens a TCP connection to <paramref name="endPoint"/> with Nagle's algorithm off.</summary>
    public static async ValueTask<Http11Connection> ConnectAsync(EndPoint endPoint, int bufferBytes, CancellationToken cancel)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancel).ConfigureAwait(false);
            return new Http11Connection(socket, bufferBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether an idle connection can carry a request: nothing unread is buffered and the server has
    /// neither closed it nor sent bytes that no request expects.
    /// </summary>
    public bool IsIdleUsable()
    {
        try
        {
            return _start == _end && !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Sends a request's head and body, as one write when they fit in the receive buffer's size.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        ReceivedResponseBytes = false;
        if (head.Length + body.Length <= _buffer.Length)
        {
            var joined = new byte[head.Length + body.Length];
            head.CopyTo(joined);
            body.CopyTo(joined.AsMemory(head.Length));
            await SendAllAsync(joined, cancel).ConfigureAwait(false);
            return;
        }

        await SendAllAsync(head, cancel).ConfigureAwait(false);
        await SendAllAsync(body, cancel).ConfigureAwait(false);
    }

    /// <summary>Reads the next final response head, skipping interim 1xx responses other than 101.</summary>
    /// <exception cref="HttpIOException">The server closed the connection or sent an invalid head.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ResponseHead> ReadHeadAsync(HttpMethod requestMethod, CancellationToken cancel)
    {
        while (true)
        {
            var length = ResponseHead.FindEnd(Buffered);
            if (length >= 0)
            {
                var head = ResponseHead.Parse(Buffered[..length], requestMethod);
                Consume(length);
                if (head.StatusCode is >= 100 and < 200 && head.StatusCode != 101)
                {
                    continue;
                }

                return head;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new HttpIOException(HttpRequestError.InvalidResponse, $"the server's response head is longer than {MaxHeadBytes / 1024} KiB");
            }

            if (await FillAsync(cancel).ConfigureAwait(false) == 0)
            {
                var stage = ReceivedResponseBytes ? "inside the response head" : "before sending a response";
                throw new HttpIOException(HttpRequestError.ResponseEnded, $"the server closed the connection {stage}");
            }
        }
    }

    /// <summary>Marks <paramref name="count"/> buffered bytes as parsed.</summary>
    public void Consume(int count) => _start += count;

    /// <summary>
    /// Receives more bytes after those buffered, compacting or growing the buffer first when it is full.
    /// Returns 0 when the server has closed the connection.
    /// </summary>
    /// <exception cref="HttpIOException">The connection failed.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> FillAsync(CancellationToken cancel)
    {
        MakeRoom();
        int received;
        try
        {
            received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancel).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "receiving failed", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "receiving failed: the socket was closed", e);
        }

        _end += received;
        ReceivedResponseBytes |= received > 0;
        return received;
    }

    public void Dispose() => _socket.Dispose();

    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = 0;
            return;
        }

        if (_end < _buffer.Length)
        {
            return;
        }

        var unread = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }
        else
        {
            // A full buffer with nothing parsed is a head longer than the buffer; it may grow to MaxHeadBytes.
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxHeadBytes + 1));
        }

        _start = 0;
        _end = unread;
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancel)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancel).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        catch (SocketException e)
        {
            throw new HttpIOException(HttpRequestError.Unknown, "sending the request failed", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new HttpIOException(HttpRequestError.Unknown, "sending the request failed: the socket was closed", e);
        }
    }
}
