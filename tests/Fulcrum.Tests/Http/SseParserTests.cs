using System.Text;
using CsCheck;
using Fulcrum.Http.Sse;

namespace Fulcrum.Tests.Http;

public class SseParserTests
{
    private static List<(string Type, string Data)> Parse(params string[] reads) =>
        Parse(reads.Select(Encoding.UTF8.GetBytes).ToArray());

    private static List<(string Type, string Data)> Parse(params byte[][] reads)
    {
        using var parser = new SseParser();
        var sink = new CollectingSink();
        foreach (var read in reads)
        {
            parser.Feed(read, ref sink);
        }

        return sink.Events;
    }

    [Fact]
    public void LfEvent_Dispatches()
    {
        var events = Parse("data: {\"a\":1}\n\n");
        Assert.Equal([("", "{\"a\":1}")], events);
    }

    [Fact]
    public void CrlfAndCrLineEnds_Dispatch()
    {
        Assert.Equal([("", "x")], Parse("data: x\r\n\r\n"));
        Assert.Equal([("", "y")], Parse("data: y\r\r"));
    }

    [Fact]
    public void CrlfSplitAcrossReads_IsOneLineEnd()
    {
        // "\r" ends one read and "\n" starts the next: one line end, not a line end plus a blank line.
        var events = Parse("data: a\r", "\ndata: b\r\n\r\n");
        Assert.Equal([("", "a\nb")], events);
    }

    [Fact]
    public void SeveralEventsPerRead_AllDispatch()
    {
        var events = Parse("data: 1\n\ndata: 2\n\ndata: 3\n\n");
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Data));
    }

    [Fact]
    public void EventSplitAcrossReads_Reassembles()
    {
        var events = Parse("da", "ta: {\"te", "xt\":\"hi\"}", "\n", "\n");
        Assert.Equal([("", "{\"text\":\"hi\"}")], events);
    }

    [Fact]
    public void SpaceAfterColon_OptionalAndOnlyOneStripped()
    {
        Assert.Equal("x", Parse("data:x\n\n").Single().Data);
        Assert.Equal("x", Parse("data: x\n\n").Single().Data);
        Assert.Equal(" x", Parse("data:  x\n\n").Single().Data);
    }

    [Fact]
    public void Comments_IgnoredAndCounted()
    {
        using var parser = new SseParser();
        var sink = new CollectingSink();
        parser.Feed(": keep-alive\n\n:\n\ndata: z\n: inside an event\n\n"u8, ref sink);
        Assert.Equal([("", "z")], sink.Events);
        Assert.Equal(3, parser.CommentCount);
    }

    [Fact]
    public void DoneMarker_IsRecognised()
    {
        using var parser = new SseParser();
        var sink = new DoneSink();
        parser.Feed("data: [DONE]\n\n"u8, ref sink);
        Assert.True(sink.SawDone);
    }

    [Fact]
    public void MultiLineData_JoinsWithLf()
    {
        Assert.Equal("line one\nline two\n", Parse("data: line one\ndata: line two\ndata:\n\n").Single().Data);
    }

    [Fact]
    public void EventField_SetsTypeForOneEvent()
    {
        var events = Parse("event: delta\ndata: a\n\ndata: b\n\n");
        Assert.Equal([("delta", "a"), ("", "b")], events);
    }

    [Fact]
    public void IdRetryAndUnknownFields_Ignored()
    {
        Assert.Equal([("", "d")], Parse("id: 7\nretry: 1000\nfoo: bar\ndata: d\n\n"));
    }

    [Fact]
    public void FieldWithoutColon_IsEmptyValue()
    {
        // "data" alone is a data line with an empty value.
        Assert.Equal([("", "")], Parse("data\n\n"));
    }

    [Fact]
    public void BlankLinesWithoutData_DispatchNothing()
    {
        Assert.Empty(Parse("\n\n\r\n\n"));
        Assert.Empty(Parse("event: x\n\n"));
    }

    [Fact]
    public void LlamaCppErrorField_BecomesErrorEvent()
    {
        var events = Parse("error: {\"code\":500,\"message\":\"boom\"}\n\n");
        Assert.Equal([("error", "{\"code\":500,\"message\":\"boom\"}")], events);
    }

    [Fact]
    public void Bom_StrippedEvenWhenSplit()
    {
        var whole = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("data: a\n\n"u8.ToArray()).ToArray();
        Assert.Equal("a", Parse(whole).Single().Data);
        Assert.Equal("a", Parse(whole[..1], whole[1..2], whole[2..]).Single().Data);
    }

    [Fact]
    public void PartialEventAtEnd_IsReported()
    {
        using var parser = new SseParser();
        var sink = new CollectingSink();
        parser.Feed("data: complete\n\ndata: {\"half\":"u8, ref sink);
        Assert.Single(sink.Events);
        Assert.True(parser.HasPartialEvent);
        parser.Feed("1}\n"u8, ref sink);
        Assert.True(parser.HasPartialEvent);
        parser.Feed("\n"u8, ref sink);
        Assert.False(parser.HasPartialEvent);
        Assert.Equal(2, sink.Events.Count);
    }

    [Fact]
    public void OversizedLine_Throws()
    {
        using var parser = new SseParser(maxEventBytes: 64);
        var sink = new CollectingSink();
        var ex = Assert.Throws<SseFormatException>(() => parser.Feed(Encoding.UTF8.GetBytes("data: " + new string('x', 100)), ref sink));
        Assert.Contains("64 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SinkReturningFalse_StopsParsing()
    {
        using var parser = new SseParser();
        var sink = new CollectingSink { StopAfter = 1 };
        var more = parser.Feed("data: 1\n\ndata: 2\n\n"u8, ref sink);
        Assert.False(more);
        Assert.Single(sink.Events);
    }

    [Fact]
    public void AnySplit_GivesSameEvents()
    {
        var stream = Encoding.UTF8.GetBytes(
            ": ping\r\n\r\ndata: {\"a\":1}\r\n\r\ndata:b\ndata: c\n\nevent: e\rdata: d\r\rerror: {\"message\":\"m\"}\n\ndata: [DONE]\n\n");
        var expected = Parse(stream);
        Assert.Equal(5, expected.Count);
        Gen.Int[1, stream.Length].Array[1, 12].Sample(cuts =>
        {
            var points = cuts.Append(0).Append(stream.Length).Distinct().Order().ToArray();
            var reads = points.Zip(points.Skip(1), (a, b) => stream[a..b]).ToArray();
            Assert.Equal(expected, Parse(reads));
        });
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var events = string.Concat(Enumerable.Range(0, 2000).Select(i => $"data: {{\"choices\":[{{\"text\":\"t{i}\"}}]}}\r\n\r\n"));
        var bytes = Encoding.UTF8.GetBytes(events);
        using var parser = new SseParser();
        var sink = new DoneSink();
        parser.Feed(bytes.AsSpan(0, 4096), ref sink);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var offset = 4096; offset < bytes.Length; offset += 37)
        {
            parser.Feed(bytes.AsSpan(offset, Math.Min(37, bytes.Length - offset)), ref sink);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private struct DoneSink : ISseEventSink
    {
        public bool SawDone;

        public bool OnEvent(SseEvent sseEvent)
        {
            SawDone |= sseEvent.IsDone;
            return true;
        }
    }
}
