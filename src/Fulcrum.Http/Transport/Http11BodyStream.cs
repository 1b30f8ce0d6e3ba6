using System.Net.Http;
using System.Runtime.CompilerServices;

namespace Fulcrum.Http.Transport;

/// <summary>
/// The body of one response, read from its connection and decoded from its framing. Reading a body to its
/// end hands a keep-alive connection back to the pool. Disposing it earlier reads the rest within limits to
/// keep the connection, and closes the connection when the rest does not arrive in time.
/// <see cref="ReadAsync(Memory{byte}, CancellationToken)"/> reuses pooled state machines, so a long stream
/// of small chunks allocates nothing per read.
/// </summary>
internal sealed class Http11BodyStream : Stream
{
    /// <summary>Max body bytes read and discarded after an early dispose; a longer rest closes the connection instead.</summary>
    private const int MaxDrainBytes = 1024 * 1024;

    /// <summary>Max wait for the rest of a body after an early dispose.</summary>
    private static readonly TimeSpan MaxDrainTime = TimeSpan.FromSeconds(2);

    private readonly Http11Connection _connection;
    private readonly ResponseHead _head;
    private readonly Action<Http11Connection, bool> _release;
    private readonly ChunkedDecoder? _chunked;
    private long _lengthLeft;
    private bool _complete;
    private bool _released;
    private long _drained;
    private bool _disposed;

    /// <param name="release">Receives the connection once, with whether it may carry another request.</param>
    public Http11BodyStream(Http11Connection connection, ResponseHead head, Action<Http11Connection, bool> release)
    {
        _connection = connection;
        _head = head;
        _release = release;
        _chunked = head.Framing == BodyFraming.Chunked ? new ChunkedDecoder() : null;
        _lengthLeft = head.ContentLength;
        if (head.Framing == BodyFraming.None || (head.Framing == BodyFraming.Length && _lengthLeft == 0))
        {
            Complete();
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_complete)
        {
            if (!_connection.Buffered.IsEmpty)
            {
                var produced = Decode(buffer.Span);
                if (produced > 0)
                {
                    return produced;
                }

                continue;
            }

            if (await _connection.FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                if (_head.Framing != BodyFraming.UntilClose)
                {
                    throw new HttpIOException(HttpRequestError.ResponseEnded, "the server closed the connection before the response body ended");
                }

                Complete();
            }
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;

            // A reader that stops at the end of its data (an SSE client at "data: [DONE]") often leaves only the
            // body's last framing bytes unread. Reading them keeps the connection for the next request, as
            // .NET's handler does: at once when they are buffered, else in the background within a limit.
            if (!_released)
            {
                DrainBuffered();
            }

            if (!_released)
            {
                _ = DrainAsync();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes buffered bytes into <paramref name="destination"/>; returns the body bytes written.</summary>
    private int Decode(Span<byte> destination)
    {
        var buffered = _connection.Buffered;
        int produced;
        switch (_head.Framing)
        {
            case BodyFraming.Chunked:
                produced = _chunked!.Decode(buffered, destination, out var consumed);
                _connection.Consume(consumed);
                if (_chunked.IsComplete)
                {
                    Complete();
                }

                return produced;
            case BodyFraming.Length:
                produced = (int)Math.Min(_lengthLeft, Math.Min(buffered.Length, destination.Length));
                buffered[..produced].CopyTo(destination);
                _connection.Consume(produced);
                _lengthLeft -= produced;
                if (_lengthLeft == 0)
                {
                    Complete();
                }

                return produced;
            default:
                produced = Math.Min(buffered.Length, destination.Length);
                buffered[..produced].CopyTo(destination);
                _connection.Consume(produced);
                return produced;
        }
    }

    private void DrainBuffered()
    {
        Span<byte> scratch = stackalloc byte[512];
        try
        {
            while (!_complete && !_connection.Buffered.IsEmpty && _drained <= MaxDrainBytes)
            {
                _drained += Decode(scratch);
            }
        }
        catch (HttpIOException)
        {
            Abandon();
        }
    }

    /// <summary>
    /// Reads the rest of the body, up to <see cref="MaxDrainBytes"/> and for at most <see cref="MaxDrainTime"/>;
    /// a body that does not end by then takes its connection down with it.
    /// </summary>
    private async Task DrainAsync()
    {
        var scratch = new byte[4096];
        using var limit = new CancellationTokenSource(MaxDrainTime);
        try
        {
            while (!_complete && _drained <= MaxDrainBytes)
            {
                if (_connection.Buffered.IsEmpty && await _connection.FillAsync(limit.Token).ConfigureAwait(false) == 0)
                {
                    break;
                }

                _drained += Decode(scratch);
            }
        }
        catch (Exception e) when (e is HttpIOException or OperationCanceledException)
        {
            // The connection is abandoned below.
        }

        Abandon();
    }

    /// <summary>Closes the connection unless the body has ended and released it.</summary>
    private void Abandon()
    {
        if (!_released)
        {
            _released = true;
            _release(_connection, false);
        }
    }

    private void Complete()
    {
        _complete = true;
        if (!_released)
        {
            // Bytes after the body would belong to no request (this client never pipelines), so such a
            // connection is not reused.
            _released = true;
            _release(_connection, _head.KeepAlive && _connection.Buffered.IsEmpty);
        }
    }
}
