using System.Net.Http;
using System.Text;
using Fulcrum.Http.Transport;

namespace Fulcrum.Tests.Http.Transport;

public class ResponseHeadTests
{
    private static int FindEnd(string text) => ResponseHead.FindEnd(Encoding.Latin1.GetBytes(text));

    private static ResponseHead Parse(string head, HttpMethod? method = null) =>
        ResponseHead.Parse(Encoding.Latin1.GetBytes(head), method ?? HttpMethod.Post);

    /// <summary>Parses a status line and header lines joined with CR LF and ended by an empty line.</summary>
    private static ResponseHead ParseLines(params string[] lines) => Parse(string.Join("\r\n", lines) + "\r\n\r\n");

    private static string ParseFails(string head)
    {
        var error = Assert.Throws<HttpIOException>(() => Parse(head));
        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        return error.Message;
    }

    [Fact]
    public void FindEnd_CrlfHead()
    {
        const string head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        Assert.Equal(head.Length, FindEnd(head + "hello"));
    }

    [Fact]
    public void FindEnd_LfHead()
    {
        const string head = "HTTP/1.1 200 OK\nContent-Length: 5\n\n";
        Assert.Equal(head.Length, FindEnd(head + "hello"));
    }

    [Fact]
    public void FindEnd_NoHeaders()
    {
        Assert.Equal(19, FindEnd("HTTP/1.1 200 OK\r\n\r\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("HTTP/1.1 200 OK\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r")]
    [InlineData("\r\n\r\n")]
    public void FindEnd_IncompleteHead(string text)
    {
        Assert.Equal(-1, FindEnd(text));
    }

    [Fact]
    public void FindEnd_LeadingEmptyLines()
    {
        // The empty lines before the status line belong to the head; they do not end it.
        const string head = "\r\n\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
        Assert.Equal(head.Length, FindEnd(head + "HTTP/1.1"));

        var parsed = Parse(head);
        Assert.Equal(204, parsed.StatusCode);
    }

    [Fact]
    public void Parse_StatusLineAndHeaders()
    {
        var head = ParseLines("HTTP/1.1 201 Created", "Content-Type: text/event-stream", "X-Empty:", "X-Spaces: \t a b \t", "Content-Length: 3");
        Assert.Equal(new Version(1, 1), head.Version);
        Assert.Equal(201, head.StatusCode);
        Assert.Equal("Created", head.ReasonPhrase);
        Assert.Equal(
            [new("Content-Type", "text/event-stream"), new("X-Empty", ""), new("X-Spaces", "a b"), new KeyValuePair<string, string>("Content-Length", "3")],
            head.Headers);
    }

    [Fact]
    public void Parse_ReasonWithSpaces()
    {
        Assert.Equal("Service Temporarily Unavailable", ParseLines("HTTP/1.1 503 Service Temporarily Unavailable", "Content-Length: 0").ReasonPhrase);
    }

    [Theory]
    [InlineData("HTTP/1.1 200")]
    [InlineData("HTTP/1.1 200 ")]
    public void Parse_NoReasonPhrase(string statusLine)
    {
        var head = ParseLines(statusLine, "Content-Length: 0");
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("", head.ReasonPhrase);
    }

    [Fact]
    public void Parse_LfLineEnds()
    {
        var head = Parse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n");
        Assert.Equal("OK", head.ReasonPhrase);
        Assert.Equal(BodyFraming.Chunked, head.Framing);
    }

    [Fact]
    public void Parse_Http10()
    {
        var head = ParseLines("HTTP/1.0 200 OK", "Content-Length: 4");
        Assert.Equal(new Version(1, 0), head.Version);
        Assert.Equal(BodyFraming.Length, head.Framing);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void Parse_Http10KeepAlive()
    {
        var head = ParseLines("HTTP/1.0 200 OK", "Connection: Keep-Alive", "Content-Length: 4");
        Assert.True(head.KeepAlive);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(103)]
    [InlineData(204)]
    [InlineData(304)]
    public void Framing_NoBodyStatus(int status)
    {
        // These statuses never have a body, whatever the framing headers state.
        var head = ParseLines($"HTTP/1.1 {status} X", "Content-Length: 10", "Transfer-Encoding: chunked");
        Assert.Equal(BodyFraming.None, head.Framing);
        Assert.True(head.KeepAlive);
    }

    [Fact]
    public void Framing_HeadRequest()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", HttpMethod.Head);
        Assert.Equal(BodyFraming.None, head.Framing);
        Assert.True(head.KeepAlive);
    }

    [Theory]
    [InlineData("chunked")]
    [InlineData("Chunked")]
    [InlineData("gzip, chunked")]
    [InlineData("gzip,chunked ")]
    public void Framing_ChunkedLast(string codings)
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Transfer-Encoding: " + codings);
        Assert.Equal(BodyFraming.Chunked, head.Framing);
        Assert.True(head.KeepAlive);
    }

    [Fact]
    public void Framing_TransferEncodingFieldsJoined()
    {
        // Two fields form one list: "gzip, chunked".
        var head = ParseLines("HTTP/1.1 200 OK", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked");
        Assert.Equal(BodyFraming.Chunked, head.Framing);
    }

    [Fact]
    public void Framing_ChunkedOverridesLength()
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Content-Length: 7", "Transfer-Encoding: chunked");
        Assert.Equal(BodyFraming.Chunked, head.Framing);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("chunked, gzip")]
    public void Framing_OtherCodingUntilClose(string codings)
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Transfer-Encoding: " + codings, "Content-Length: 7");
        Assert.Equal(BodyFraming.UntilClose, head.Framing);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void Framing_NoLengthUntilClose()
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Content-Type: text/plain");
        Assert.Equal(BodyFraming.UntilClose, head.Framing);
        Assert.False(head.KeepAlive);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("0042", 42L)]
    [InlineData("1099511627776", 1L << 40)]
    public void Framing_ContentLength(string value, long expected)
    {
        var head = ParseLines("HTTP/1.1 200 OK", "content-length: " + value);
        Assert.Equal(BodyFraming.Length, head.Framing);
        Assert.Equal(expected, head.ContentLength);
        Assert.True(head.KeepAlive);
    }

    [Fact]
    public void Framing_RepeatedEqualLength()
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Content-Length: 5", "Content-Length: 5");
        Assert.Equal(5, head.ContentLength);
    }

    [Fact]
    public void Framing_TwoLengthsRejected()
    {
        var message = ParseFails("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
        Assert.Contains("two different Content-Length values, 5 and 6", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("5 5")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public void Framing_InvalidLengthRejected(string value)
    {
        var message = ParseFails($"HTTP/1.1 200 OK\r\nContent-Length: {value}\r\n\r\n");
        Assert.Contains($"Content-Length \"{value}\"", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("Close")]
    [InlineData("keep-alive, close")]
    [InlineData("Upgrade,close")]
    public void KeepAlive_ConnectionClose(string value)
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Connection: " + value, "Content-Length: 0");
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void KeepAlive_CloseInAnyField()
    {
        var head = ParseLines("HTTP/1.1 200 OK", "Connection: keep-alive", "Connection: close", "Transfer-Encoding: chunked");
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void KeepAlive_NotForSwitchingProtocols()
    {
        // After 101 the connection carries another protocol, so it cannot go back to the pool.
        var head = ParseLines("HTTP/1.1 101 Switching Protocols", "Connection: upgrade", "Upgrade: websocket");
        Assert.Equal(BodyFraming.None, head.Framing);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void KeepAlive_TokenNotSubstring()
    {
        // "closed" is not the "close" option.
        var head = ParseLines("HTTP/1.1 200 OK", "Connection: closed", "Content-Length: 0");
        Assert.True(head.KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK")]
    [InlineData("HTTP/1.x 200 OK")]
    [InlineData("HTTP/1.11 200 OK")]
    [InlineData("http/1.1 200 OK")]
    [InlineData("ICY 200 OK")]
    [InlineData("HTTP/1.1")]
    public void StatusLine_NotHttp1Rejected(string statusLine)
    {
        var message = ParseFails(statusLine + "\r\n\r\n");
        Assert.Contains($"the status line \"{statusLine}\" is not HTTP/1.x", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 20 OK")]
    [InlineData("HTTP/1.1 2000 OK")]
    [InlineData("HTTP/1.1 abc OK")]
    [InlineData("HTTP/1.1 +20 OK")]
    [InlineData("HTTP/1.1 099 OK")]
    [InlineData("HTTP/1.1  200 OK")]
    public void StatusLine_BadCodeRejected(string statusLine)
    {
        var message = ParseFails(statusLine + "\r\n\r\n");
        Assert.Contains($"the status line \"{statusLine}\" has no three-digit status code", message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusLine_LongLineShortened()
    {
        var statusLine = "HTTP/1.1 2xx " + new string('r', 500);
        var message = ParseFails(statusLine + "\r\n\r\n");
        Assert.Contains(statusLine[..100] + "…", message, StringComparison.Ordinal);
        Assert.DoesNotContain(statusLine[..101], message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Length : 5")]
    [InlineData("Content-Length\t: 5")]
    [InlineData(": no name")]
    [InlineData("no colon here")]
    public void HeaderLine_Rejected(string line)
    {
        var message = ParseFails($"HTTP/1.1 200 OK\r\n{line}\r\n\r\n");
        Assert.Contains($"header line \"{line}\" has no field name followed by ':'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyRejected()
    {
        Assert.Contains("the response is empty", ParseFails("\r\n\r\n"), StringComparison.Ordinal);
    }
}
