using System.Globalization;
using System.Net.Http;
using System.Text;
using CsCheck;
using Fulcrum.Http.Transport;

namespace Fulcrum.Tests.Http.Transport;

public class ChunkedDecoderTests
{
    /// <summary>Bytes that follow a body on a connection (the next response), which the decoder must leave unconsumed.</summary>
    private const string NextResponse = "HTTP/1.1 200 OK\r\n";

    /// <summary>
    /// Feeds <paramref name="input"/> in pieces of <paramref name="pieceBytes"/> (cycled) through a decoder whose
    /// output span has room for <paramref name="outputBytes"/> bytes, and returns the body and the input bytes consumed.
    /// </summary>
    private static (byte[] Body, int Consumed, bool Complete) Decode(byte[] input, int outputBytes = 4096, params int[] pieceBytes)
    {
        var decoder = new ChunkedDecoder();
        var body = new List<byte>();
        var output = new byte[outputBytes];
        var position = 0;
        var piece = 0;
        while (position < input.Length && !decoder.IsComplete)
        {
            var size = pieceBytes.Length == 0 ? input.Length : pieceBytes[piece++ % pieceBytes.Length];
            var end = Math.Min(input.Length, position + size);

            // The caller keeps the unconsumed rest of a piece and offers it again, as the body stream does.
            while (position < end && !decoder.IsComplete)
            {
                var produced = decoder.Decode(input.AsSpan(position, end - position), output, out var consumed);
                Assert.True(produced > 0 || consumed > 0, $"no progress at input byte {position}");
                body.AddRange(output.AsSpan(0, produced));
                position += consumed;
            }
        }

        return (body.ToArray(), position, decoder.IsComplete);
    }

    private static (string Body, int Consumed, bool Complete) Decode(string input, int outputBytes = 4096, params int[] pieceBytes)
    {
        var (body, consumed, complete) = Decode(Encoding.Latin1.GetBytes(input), outputBytes, pieceBytes);
        return (Encoding.Latin1.GetString(body), consumed, complete);
    }

    private static HttpIOException DecodeFails(string input)
    {
        var error = Assert.Throws<HttpIOException>(() => Decode(input));
        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        return error;
    }

    [Fact]
    public void SingleChunk_Decodes()
    {
        const string input = "5\r\nhello\r\n0\r\n\r\n";
        var (body, consumed, complete) = Decode(input);
        Assert.Equal("hello", body);
        Assert.Equal(input.Length, consumed);
        Assert.True(complete);
    }

    [Fact]
    public void MultipleChunks_Decode()
    {
        var (body, _, complete) = Decode("3\r\nabc\r\n1\r\nd\r\n6\r\nefghij\r\n0\r\n\r\n");
        Assert.Equal("abcdefghij", body);
        Assert.True(complete);
    }

    [Theory]
    [InlineData("1a")]
    [InlineData("1A")]
    [InlineData("001A")]
    public void HexSize_AnyCase(string size)
    {
        // 0x1A = 26 bytes.
        var data = new string('x', 26);
        var (body, _, complete) = Decode($"{size}\r\n{data}\r\n0\r\n\r\n");
        Assert.Equal(data, body);
        Assert.True(complete);
    }

    [Theory]
    [InlineData("5;name=value")]
    [InlineData("5;name=\"quoted value\"")]
    [InlineData("5;a;b=1")]
    [InlineData("5 ;name=value")]
    [InlineData("5\t;name")]
    public void Extension_Skipped(string sizeLine)
    {
        var (body, _, complete) = Decode($"{sizeLine}\r\nhello\r\n0;last=1\r\n\r\n");
        Assert.Equal("hello", body);
        Assert.True(complete);
    }

    [Fact]
    public void Trailers_SkippedToEmptyLine()
    {
        const string input = "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
        var (body, consumed, complete) = Decode(input + NextResponse);
        Assert.Equal("hello", body);
        Assert.Equal(input.Length, consumed);
        Assert.True(complete);
    }

    [Fact]
    public void BareLf_Accepted()
    {
        const string input = "5\nhello\n3;x=y\nabc\n0\nX-Trailer: 1\n\n";
        var (body, consumed, complete) = Decode(input + NextResponse);
        Assert.Equal("helloabc", body);
        Assert.Equal(input.Length, consumed);
        Assert.True(complete);
    }

    [Fact]
    public void ExtraBytes_LeftUnconsumed()
    {
        const string input = "5\r\nhello\r\n0\r\n\r\n";
        var decoder = new ChunkedDecoder();
        var output = new byte[64];
        var produced = decoder.Decode(Encoding.Latin1.GetBytes(input + NextResponse), output, out var consumed);
        Assert.Equal(5, produced);
        Assert.Equal(input.Length, consumed);
        Assert.True(decoder.IsComplete);

        // Once complete, the decoder takes no more input.
        Assert.Equal(0, decoder.Decode("0\r\n\r\n"u8, output, out consumed));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void OneByteOutput_DecodesByteByByte()
    {
        const string input = "5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n";
        var decoder = new ChunkedDecoder();
        var bytes = Encoding.Latin1.GetBytes(input);
        var output = new byte[1];

        // The first call reads the size line and stops once "h" fills the 1-byte output.
        Assert.Equal(1, decoder.Decode(bytes, output, out var consumed));
        Assert.Equal((byte)'h', output[0]);
        Assert.Equal("5\r\nh".Length, consumed);

        var (body, total, complete) = Decode(input, outputBytes: 1);
        Assert.Equal("helloabc", body);
        Assert.Equal(input.Length, total);
        Assert.True(complete);
    }

    [Fact]
    public void SplitAtEveryByte_Decodes()
    {
        const string input = "a;ext=1\r\n0123456789\r\n1\r\n!\r\n0\r\nT: v\r\n\r\n";
        var (body, consumed, complete) = Decode(input, outputBytes: 3, pieceBytes: 1);
        Assert.Equal("0123456789!", body);
        Assert.Equal(input.Length, consumed);
        Assert.True(complete);
    }

    [Fact]
    public void PartialInput_NotComplete()
    {
        var (body, consumed, complete) = Decode("5\r\nhello\r\n0\r\n");
        Assert.Equal("hello", body);
        Assert.Equal("5\r\nhello\r\n0\r\n".Length, consumed);
        Assert.False(complete);
    }

    [Fact]
    public void EmptyBody_Completes()
    {
        var (body, _, complete) = Decode("0\r\n\r\n");
        Assert.Equal("", body);
        Assert.True(complete);
    }

    [Theory]
    [InlineData("g\r\nhello\r\n0\r\n\r\n", "0x67")]
    [InlineData("\r\nhello\r\n0\r\n\r\n", "0x0D")]
    [InlineData(" 5\r\nhello\r\n0\r\n\r\n", "0x20")]
    [InlineData("-5\r\nhello\r\n0\r\n\r\n", "0x2D")]
    [InlineData("5x\r\nhello\r\n0\r\n\r\n", "0x78")]
    public void NonHexSize_Throws(string input, string badByte)
    {
        var error = DecodeFails(input);
        Assert.Contains(badByte, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_DataBeforeReturnedFirst()
    {
        // The decoded "hello" goes to the caller, and the malformed size line throws on the next call.
        var input = "5\r\nhello\r\nzz\r\n"u8.ToArray();
        var decoder = new ChunkedDecoder();
        var output = new byte[64];
        Assert.Equal(5, decoder.Decode(input, output, out var consumed));
        Assert.Equal("hello"u8.ToArray(), output[..5]);
        Assert.Equal("5\r\nhello\r\n".Length, consumed);

        var error = Assert.Throws<HttpIOException>(() => decoder.Decode(input.AsSpan(consumed), output, out _));
        Assert.Contains("0x7A", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5\r\nhelloX\r\n0\r\n\r\n")]
    [InlineData("5\r\nhello0\r\n\r\n")]
    [InlineData("5\r\nhello\rX0\r\n\r\n")]
    public void MissingCrlfAfterData_Throws(string input)
    {
        var error = DecodeFails(input);
        Assert.Contains("not followed by a line end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongSizeLine_Throws()
    {
        // An extension that makes the size line one byte longer than the 8 KiB limit, before its line end.
        var sizeLine = "5;" + new string('x', ChunkedDecoder.MaxLineBytes - 1);
        Assert.Equal(ChunkedDecoder.MaxLineBytes + 1, sizeLine.Length);
        var error = DecodeFails(sizeLine + "\r\nhello\r\n0\r\n\r\n");
        Assert.Contains("longer than 8192 bytes", error.Message, StringComparison.Ordinal);

        // Leading zeros count towards the limit too.
        DecodeFails(new string('0', ChunkedDecoder.MaxLineBytes + 1) + "5\r\nhello\r\n0\r\n\r\n");
    }

    [Fact]
    public void SizeLineAtLimit_Decodes()
    {
        // 8,190 bytes of size and extension plus CR LF is exactly 8 KiB.
        var sizeLine = "5;" + new string('x', ChunkedDecoder.MaxLineBytes - 4);
        var (body, _, complete) = Decode(sizeLine + "\r\nhello\r\n0\r\n\r\n");
        Assert.Equal("hello", body);
        Assert.True(complete);
    }

    [Fact]
    public void LongTrailer_Throws()
    {
        DecodeFails("0\r\nX-Long: " + new string('v', ChunkedDecoder.MaxLineBytes) + "\r\n\r\n");
    }

    [Fact]
    public void SizeOver1TiB_Throws()
    {
        // 1 TiB is 0x100_0000_0000: the decoder takes it as a size (no data follows here), and one more byte is malformed.
        var decoder = new ChunkedDecoder();
        decoder.Decode("10000000000\r\n"u8, new byte[16], out var consumed);
        Assert.Equal(13, consumed);

        var error = DecodeFails("10000000001\r\n");
        Assert.Contains("exceeds 1 TiB", error.Message, StringComparison.Ordinal);
        DecodeFails("FFFFFFFFFFFFFFFFFFFF\r\n");
    }

    /// <summary>One chunk of a generated encoding: its size, extension and hex case.</summary>
    private sealed record ChunkShape(int Size, int Extension, bool UpperHex, bool LeadingZero);

    private static readonly string[] Extensions = ["", ";name=value", ";flag", " ;a=\"b c\"", ";a=1;b"];

    private static readonly Gen<ChunkShape> Chunks =
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, Extensions.Length - 1], Gen.Bool, Gen.Bool)
            .Select((size, extension, upper, zero) => new ChunkShape(size, extension, upper, zero));

    /// <summary>Encodes <paramref name="body"/> with chunk shapes used in turn. Each line end is CR LF, or a bare LF where its flag is set.</summary>
    private static byte[] Encode(byte[] body, ChunkShape[] shapes, bool[] bareLf, int trailers)
    {
        var output = new List<byte>();
        var lineEnds = 0;
        void LineEnd() => output.AddRange(bareLf[lineEnds++ % bareLf.Length] ? "\n"u8 : "\r\n"u8);
        void Text(string text) => output.AddRange(Encoding.Latin1.GetBytes(text));

        var position = 0;
        var next = 0;
        while (position < body.Length)
        {
            var shape = shapes[next++ % shapes.Length];
            var size = Math.Min(shape.Size, body.Length - position);
            var hex = size.ToString(shape.UpperHex ? "X" : "x", CultureInfo.InvariantCulture);
            Text((shape.LeadingZero ? "0" : "") + hex + Extensions[shape.Extension]);
            LineEnd();
            output.AddRange(body.AsSpan(position, size));
            LineEnd();
            position += size;
        }

        Text("0" + Extensions[shapes[0].Extension]);
        LineEnd();
        for (var i = 0; i < trailers; i++)
        {
            Text($"X-Trailer-{i}: value {i}");
            LineEnd();
        }

        LineEnd();
        return output.ToArray();
    }

    [Fact]
    public void AnyValidEncoding_DecodesBody()
    {
        Gen.Select(
                Gen.Byte.Array[0, 2000],
                Chunks.Array[1, 8],
                Gen.Bool.Array[1, 6],
                Gen.Int[0, 3],
                Gen.Int[1, 64].Array[1, 8],
                Gen.Int[1, 128])
            .Sample((body, shapes, bareLf, trailers, pieces, outputBytes) =>
            {
                var encoded = Encode(body, shapes, bareLf, trailers);
                var next = Encoding.Latin1.GetBytes(NextResponse);
                var (decoded, consumed, complete) = Decode([.. encoded, .. next], outputBytes, pieces);
                Assert.Equal(body, decoded);
                Assert.Equal(encoded.Length, consumed);
                Assert.True(complete);
            });
    }
}
