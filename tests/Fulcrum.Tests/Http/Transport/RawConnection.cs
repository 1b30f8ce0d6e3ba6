using System.Net.Sockets;
using System.Text;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>One accepted connection of a <see cref="RawServer"/>: reads requests and writes raw response bytes.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly RawServer _server;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _buffered;

    public RawConnection(RawServer server, Socket socket, int index)
    {
        _server = server;
        _socket = socket;
        Index = index;
    }

    /// <summary>The connection's place in accept order, from 1.</summary>
    public int Index { get; }

    /// <summary>Cancelled when the server stops.</summary>
    public CancellationToken Stopping => _server.Stopping;

    /// <summary>Requests read on this connection so far.</summary>
    public int RequestCount { get; private set; }

    /// <summary>
    /// Reads the next request head and its Content-Length body. Returns null when the client closes the
    /// connection between requests.
    /// </summary>
    public async Task<RawRequest?> ReadRequestAsync()
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, _buffered).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (await ReceiveAsync() == 0)
            {
                return _buffered == 0 ? null : throw new IOException($"the client closed the connection inside a request head ({_buffered} bytes)");
            }
        }

        var head = Encoding.Latin1.GetString(_buffer, 0, headEnd + 4);
        var request = new RawRequest(Index, head, []);
        var length = request.Header("Content-Length") is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        while (_buffered < headEnd + 4 + length)
        {
            if (await ReceiveAsync() == 0)
            {
                throw new IOException("the client closed the connection inside a request body");
            }
        }

        request = request with { Body = _buffer.AsSpan(headEnd + 4, length).ToArray() };
        var used = headEnd + 4 + length;
        _buffer.AsSpan(used, _buffered - used).CopyTo(_buffer);
        _buffered -= used;
        RequestCount++;
        _server.Requests.Enqueue(request);
        return request;
    }

    /// <summary>Sends <paramref name="text"/> (Latin-1) in one write.</summary>
    public Task WriteAsync(string text) => WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, _server.Stopping);
        }
    }

    /// <summary>Sends each piece in its own write, <paramref name="gapMs"/> apart.</summary>
    public async Task WriteEachAsync(IEnumerable<string> pieces, int gapMs)
    {
        foreach (var piece in pieces)
        {
            await WriteAsync(piece);
            await Task.Delay(gapMs, Stopping);
        }
    }

    /// <summary>Waits for a test's signal, or until the server stops.</summary>
    public Task WaitAsync(Task signal) => signal.WaitAsync(_server.Stopping);

    /// <summary>Closes the connection in order (FIN) after the bytes already written.</summary>
    public void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The client has already gone.
        }

        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> ReceiveAsync()
    {
        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), SocketFlags.None, _server.Stopping);
        _buffered += received;
        return received;
    }
}
