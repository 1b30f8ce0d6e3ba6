using System.Net.Http;

namespace Fulcrum.Http.Transport;

/// <summary>
/// Incremental decoder of the HTTP/1.1 chunked transfer coding (RFC 9112, section 7.1). It accepts input
/// split at any byte, skips chunk extensions and trailer fields, and accepts a bare LF as a line end, as
/// the RFC allows recipients to. It allocates nothing unless the framing is malformed.
/// </summary>
internal sealed class ChunkedDecoder
{
    /// <summary>Max length of a chunk-size line or trailer line, in bytes; a longer one is malformed.</summary>
    internal const int MaxLineBytes = 8 * 1024;

    /// <summary>Max chunk size accepted (1 TiB); a larger size is malformed rather than a real stream.</summary>
    private const long MaxChunkBytes = 1L << 40;

    private State _state = State.SizeDigits;
    private long _chunkRemaining;
    private int _digits;
    private int _lineBytes;
    private bool _lineEmpty = true;

    private enum State
    {
        SizeDigits,
        SizeLineRest,
        Data,
        DataEnd,
        Trailers,
        Done,
    }

    /// <summary>Whether the last chunk and the trailer section have been read.</summary>
    public bool IsComplete => _state == State.Done;

    /// <summary>
    /// Decodes from <paramref name="input"/> into <paramref name="output"/> until the input runs out, the
    /// output fills or the body ends.
    /// </summary>
    /// <param name="consumed">Input bytes used; bytes after the end of the body are left unconsumed.</param>
    /// <returns>Body bytes written to <paramref name="output"/>.</returns>
    /// <exception cref="HttpIOException">
    /// The framing is malformed. A call that has written body bytes returns them first, and the next call throws.
    /// </exception>
    public int Decode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        var position = 0;
        var produced = 0;
        while (position < input.Length && _state != State.Done)
        {
            if (_state == State.Data)
            {
                var count = (int)Math.Min(_chunkRemaining, Math.Min(input.Length - position, output.Length - produced));
                if (count == 0)
                {
                    break;
                }

                input.Slice(position, count).CopyTo(output[produced..]);
                position += count;
                produced += count;
                _chunkRemaining -= count;
                if (_chunkRemaining == 0)
                {
                    _state = State.DataEnd;
                }

                continue;
            }

            try
            {
                Step(input[position]);
            }
            catch (HttpIOException) when (produced > 0)
            {
                // The body bytes before the malformed byte go to the reader first, as an SSE stream's last
                // events may be among them. The byte stays unconsumed and throws again on the next call.
                break;
            }

            position++;
        }

        consumed = position;
        return produced;
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.SizeDigits:
                ReadSizeDigit(b);
                break;
            case State.SizeLineRest:
                // Chunk extensions (";name=value") and whitespace are skipped up to the line end.
                CountLineByte();
                if (b == (byte)'\n')
                {
                    EndSizeLine();
                }

                break;
            case State.DataEnd:
                if (b == (byte)'\n')
                {
                    _state = State.SizeDigits;
                    _digits = 0;
                    _lineBytes = 0;
                }
                else if (b != (byte)'\r')
                {
                    throw Malformed("chunk data is not followed by a line end");
                }

                break;
            case State.Trailers:
                ReadTrailerByte(b);
                break;
        }
    }

    private void ReadSizeDigit(byte b)
    {
        CountLineByte();
        var value = HexValue(b);
        if (value >= 0)
        {
            _chunkRemaining = (_chunkRemaining << 4) | (uint)value;
            _digits++;
            if (_chunkRemaining > MaxChunkBytes)
            {
                throw Malformed("a chunk size exceeds 1 TiB");
            }

            return;
        }

        if (_digits == 0)
        {
            throw Malformed($"a chunk size line starts with byte 0x{b:X2}, not a hexadecimal digit");
        }

        if (b == (byte)'\n')
        {
            EndSizeLine();
        }
        else if (b is (byte)'\r' or (byte)';' or (byte)' ' or (byte)'\t')
        {
            _state = State.SizeLineRest;
        }
        else
        {
            throw Malformed($"a chunk size contains byte 0x{b:X2}");
        }
    }

    private void EndSizeLine()
    {
        _lineBytes = 0;
        if (_chunkRemaining == 0)
        {
            _state = State.Trailers;
            _lineEmpty = true;
        }
        else
        {
            _state = State.Data;
        }
    }

    private void ReadTrailerByte(byte b)
    {
        CountLineByte();
        if (b == (byte)'\n')
        {
            if (_lineEmpty)
            {
                _state = State.Done;
            }

            _lineEmpty = true;
            _lineBytes = 0;
        }
        else if (b != (byte)'\r')
        {
            _lineEmpty = false;
        }
    }

    private void CountLineByte()
    {
        if (++_lineBytes > MaxLineBytes)
        {
            throw Malformed($"a chunk size or trailer line is longer than {MaxLineBytes} bytes");
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static HttpIOException Malformed(string detail) =>
        new(HttpRequestError.InvalidResponse, "the server sent a malformed chunked body: " + detail);
}
