using System.Net;
using System.Net.Http.Headers;

namespace Fulcrum.Tests.Http;

/// <summary>Monotonic test clock that replayed reads move forward.</summary>
internal sealed class FakeClock
{
    public long Now { get; set; }

    public long Read() => Now;
}

/// <summary>
/// Answers every request with 200 and a recorded SSE body, delivered as the given reads; each read
/// sets the fake clock to its arrival time first, so the client's timing is exact and repeatable.
/// </summary>
internal sealed class ReplayHandler(IReadOnlyList<(byte[] Bytes, long Time)> reads, FakeClock clock) : HttpMessageHandler
{
    public string? LastRequestBody { get; private set; }

    public HttpRequestMessage? LastRequest { get; private set; }

    /// <summary>Cuts <paramref name="body"/> after every blank line; read i arrives at (i + 1) × <paramref name="step"/>.</summary>
    public static List<(byte[] Bytes, long Time)> PerEvent(byte[] body, long step)
    {
        var reads = new List<(byte[], long)>();
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var end = EventEnd(body, i);
            if (end > 0)
            {
                reads.Add((body[start..end], (reads.Count + 1) * step));
                start = end;
                i = end - 1;
            }
        }

        if (start < body.Length)
        {
            reads.Add((body[start..], (reads.Count + 1) * step));
        }

        return reads;
    }

    /// <summary>Cuts <paramref name="body"/> into reads of <paramref name="size"/> bytes, one tick apart.</summary>
    public static List<(byte[] Bytes, long Time)> Fixed(byte[] body, int size) =>
        body.Chunk(size).Select((bytes, i) => (bytes, (long)(i + 1))).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var content = new StreamContent(new ReplayStream(reads, clock));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    private static int EventEnd(byte[] body, int i)
    {
        if (i + 1 < body.Length && body[i] == '\n' && body[i + 1] == '\n')
        {
            return i + 2;
        }

        if (i + 3 < body.Length && body[i] == '\r' && body[i + 1] == '\n' && body[i + 2] == '\r' && body[i + 3] == '\n')
        {
            return i + 4;
        }

        return -1;
    }

    private sealed class ReplayStream(IReadOnlyList<(byte[] Bytes, long Time)> reads, FakeClock clock) : Stream
    {
        private int _read;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_read == reads.Count)
            {
                return 0;
            }

            var (bytes, time) = reads[_read];
            clock.Now = time;
            var n = Math.Min(buffer.Length, bytes.Length - _offset);
            bytes.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            if (_offset == bytes.Length)
            {
                _read++;
                _offset = 0;
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
