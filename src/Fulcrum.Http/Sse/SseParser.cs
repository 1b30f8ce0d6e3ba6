using System.Buffers;

namespace Fulcrum.Http.Sse;

/// <summary>
/// Incremental server-sent events parser over raw bytes, following the WHATWG HTML "event stream"
/// grammar: lines end in CRLF, LF or CR (a CRLF may be split across two reads); <c>data:</c> with or
/// without one space after the colon; lines starting with <c>:</c> are comments (keep-alives); several
/// <c>data</c> lines join with LF; a blank line dispatches the event; a leading UTF-8 BOM is dropped.
/// One deviation: llama.cpp's server sends a mid-stream failure as an <c>error:</c> field, which the
/// standard would ignore, so its value is delivered as the data of an event of type <c>error</c>.
/// </summary>
/// <remarks>
/// Bytes are scanned with vectorised searches and only the tail of an unfinished line is copied, into
/// pooled buffers that grow by doubling: nothing is allocated per byte or per event once the buffers
/// have reached the largest event's size. Not thread-safe: one parser per response stream.
/// </remarks>
public sealed class SseParser : IDisposable
{
    /// <summary>Default cap on one line or one event's data; a larger one means a broken stream.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly int _maxEventBytes;
    private readonly ArrayPool<byte> _pool;
    private byte[] _line;
    private int _lineLength;
    private byte[] _data;
    private int _dataLength;
    private bool _hasData;
    private byte[] _eventType;
    private int _eventTypeLength;
    private bool _skipLineFeed;
    private int _bomBytesSeen;
    private bool _pastStart;

    /// <param name="pool">
    /// Where the line and event buffers come from; the shared pool by default. A client with thousands of open
    /// streams passes one sized for them, because the shared pool keeps only a few arrays per size.
    /// </param>
    public SseParser(int maxEventBytes = DefaultMaxEventBytes, ArrayPool<byte>? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 16);
        _maxEventBytes = maxEventBytes;
        _pool = pool ?? ArrayPool<byte>.Shared;
        _line = _pool.Rent(1024);
        _data = _pool.Rent(4096);
        _eventType = _pool.Rent(64);
    }

    /// <summary>Comment lines seen so far (keep-alives are comments).</summary>
    public int CommentCount { get; private set; }

    /// <summary>
    /// Whether bytes of an unfinished line or data lines without their closing blank line are pending:
    /// at the end of the stream this means the server stopped inside an event.
    /// </summary>
    public bool HasPartialEvent => _lineLength > 0 || _hasData;

    /// <summary>
    /// Parses <paramref name="bytes"/> and passes each completed event to <paramref name="sink"/>.
    /// Stops early, returning false, when the sink returns false; the rest of the bytes are dropped.
    /// </summary>
    /// <exception cref="SseFormatException">A line or event exceeds the size cap.</exception>
    public bool Feed<TSink>(ReadOnlySpan<byte> bytes, ref TSink sink)
        where TSink : ISseEventSink, allows ref struct
    {
        bytes = SkipBom(bytes);
        if (_skipLineFeed && bytes.Length > 0)
        {
            _skipLineFeed = false;
            if (bytes[0] == (byte)'\n')
            {
                bytes = bytes[1..];
            }
        }

        while (bytes.Length > 0)
        {
            var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                AppendLine(bytes);
                return true;
            }

            bool keepGoing;
            if (_lineLength > 0)
            {
                AppendLine(bytes[..end]);
                keepGoing = ProcessLine(_line.AsSpan(0, _lineLength), ref sink);
                _lineLength = 0;
            }
            else
            {
                keepGoing = ProcessLine(bytes[..end], ref sink);
            }

            var terminator = bytes[end];
            bytes = bytes[(end + 1)..];
            if (terminator == (byte)'\r')
            {
                if (bytes.Length == 0)
                {
                    _skipLineFeed = true;
                }
                else if (bytes[0] == (byte)'\n')
                {
                    bytes = bytes[1..];
                }
            }

            if (!keepGoing)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Forgets any partial line or event, ready for a new stream.</summary>
    public void Reset()
    {
        _lineLength = 0;
        _dataLength = 0;
        _hasData = false;
        _eventTypeLength = 0;
        _skipLineFeed = false;
        _bomBytesSeen = 0;
        _pastStart = false;
        CommentCount = 0;
    }

    public void Dispose()
    {
        _pool.Return(_line);
        _pool.Return(_data);
        _pool.Return(_eventType);
        _line = _data = _eventType = [];
    }

    private ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes)
    {
        // A BOM may itself arrive split across reads, so match it byte by byte.
        while (!_pastStart && bytes.Length > 0)
        {
            if (bytes[0] != Bom[_bomBytesSeen])
            {
                _pastStart = true;
                if (_bomBytesSeen > 0)
                {
                    // Not a BOM after all: the bytes already consumed belong to the first line.
                    AppendLine(Bom[.._bomBytesSeen]);
                }

                break;
            }

            _bomBytesSeen++;
            bytes = bytes[1..];
            if (_bomBytesSeen == Bom.Length)
            {
                _pastStart = true;
            }
        }

        return bytes;
    }

    private bool ProcessLine<TSink>(ReadOnlySpan<byte> line, ref TSink sink)
        where TSink : ISseEventSink, allows ref struct
    {
        if (line.IsEmpty)
        {
            return Dispatch(ref sink);
        }

        if (line[0] == (byte)':')
        {
            CommentCount++;
            return true;
        }

        var colon = line.IndexOf((byte)':');
        ReadOnlySpan<byte> name = colon < 0 ? line : line[..colon];
        ReadOnlySpan<byte> value = colon < 0 ? [] : line[(colon + 1)..];
        if (value.Length > 0 && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            AppendData(value);
        }
        else if (name.SequenceEqual("event"u8))
        {
            SetEventType(value);
        }
        else if (name.SequenceEqual("error"u8))
        {
            SetEventType("error"u8);
            AppendData(value);
        }

        // "id", "retry" and unknown fields do not affect what a benchmark client measures.
        return true;
    }

    private bool Dispatch<TSink>(ref TSink sink)
        where TSink : ISseEventSink, allows ref struct
    {
        if (!_hasData)
        {
            _eventTypeLength = 0;
            return true;
        }

        // Every data line appended a trailing LF; the standard drops the last one.
        var data = _data.AsSpan(0, _dataLength - 1);
        var type = _eventType.AsSpan(0, _eventTypeLength);
        var keepGoing = sink.OnEvent(new SseEvent(type, data));
        _dataLength = 0;
        _hasData = false;
        _eventTypeLength = 0;
        return keepGoing;
    }

    private void AppendLine(ReadOnlySpan<byte> bytes) => Append(ref _line, ref _lineLength, bytes, "line");

    private void AppendData(ReadOnlySpan<byte> value)
    {
        Append(ref _data, ref _dataLength, value, "event data");
        Append(ref _data, ref _dataLength, "\n"u8, "event data");
        _hasData = true;
    }

    private void SetEventType(ReadOnlySpan<byte> value)
    {
        _eventTypeLength = 0;
        Append(ref _eventType, ref _eventTypeLength, value, "event type");
    }

    private void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes, string what)
    {
        var needed = length + bytes.Length;
        if (needed > _maxEventBytes)
        {
            throw new SseFormatException($"SSE {what} exceeds {_maxEventBytes} bytes without a line end; the stream is not server-sent events.");
        }

        if (needed > buffer.Length)
        {
            var larger = _pool.Rent(Math.Max(needed, buffer.Length * 2));
            buffer.AsSpan(0, length).CopyTo(larger);
            _pool.Return(buffer);
            buffer = larger;
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length = needed;
    }
}
