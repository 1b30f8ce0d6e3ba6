using System.Globalization;
using System.Net.Http;
using System.Text;

namespace Fulcrum.Http.Transport;

/// <summary>How the end of a response body is found (RFC 9112, section 6.3).</summary>
internal enum BodyFraming
{
    /// <summary>No body: a 1xx, 204 or 304 status.</summary>
    None,

    /// <summary>The chunked transfer coding.</summary>
    Chunked,

    /// <summary>A <c>Content-Length</c> header.</summary>
    Length,

    /// <summary>The body runs until the server closes the connection.</summary>
    UntilClose,
}

/// <summary>The status line and header fields of one HTTP/1.x response.</summary>
internal sealed class ResponseHead
{
    private ResponseHead(Version version, int statusCode, string reasonPhrase, List<KeyValuePair<string, string>> headers)
    {
        Version = version;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    public Version Version { get; }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>Header fields in the order received, names as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public BodyFraming Framing { get; private set; }

    /// <summary>Body length in bytes when <see cref="Framing"/> is <see cref="BodyFraming.Length"/>.</summary>
    public long ContentLength { get; private set; }

    /// <summary>Whether the connection may carry another request once this body has been read.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>
    /// Finds the end of a response head (the empty line) in <paramref name="buffer"/>.
    /// </summary>
    /// <returns>The head's length including the empty line, or -1 when the head is not complete yet.</returns>
    public static int FindEnd(ReadOnlySpan<byte> buffer)
    {
        // Empty lines before the status line are tolerated (RFC 9112, section 2.2). A line ends with LF,
        // optionally preceded by CR, and the head ends with the first empty line after the status line.
        var start = 0;
        while (start < buffer.Length && buffer[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (true)
        {
            var newline = buffer[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            var line = buffer.Slice(start, newline);
            start += newline + 1;
            if (line.IsEmpty || (line.Length == 1 && line[0] == (byte)'\r'))
            {
                return start;
            }
        }
    }

    /// <summary>Parses a complete head as found by <see cref="FindEnd"/>.</summary>
    /// <param name="requestMethod">The request's method: a response to HEAD has no body.</param>
    /// <exception cref="HttpIOException">The head is malformed.</exception>
    public static ResponseHead Parse(ReadOnlySpan<byte> head, HttpMethod requestMethod)
    {
        var rest = head;
        var statusLine = ReadOnlySpan<byte>.Empty;
        while (statusLine.IsEmpty && !rest.IsEmpty)
        {
            statusLine = NextLine(rest, out var used);
            rest = rest[used..];
        }

        if (statusLine.IsEmpty)
        {
            throw Invalid("the response is empty");
        }

        var (version, status, reason) = ParseStatusLine(Encoding.Latin1.GetString(statusLine));
        var headers = new List<KeyValuePair<string, string>>();
        while (!rest.IsEmpty)
        {
            var line = NextLine(rest, out var used);
            rest = rest[used..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[colon - 1] is (byte)' ' or (byte)'\t')
            {
                throw Invalid($"header line \"{Preview(Encoding.Latin1.GetString(line))}\" has no field name followed by ':'");
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            headers.Add(new(Encoding.Latin1.GetString(line[..colon]), Encoding.Latin1.GetString(value)));
        }

        var result = new ResponseHead(version, status, reason, headers);
        result.SetFraming(requestMethod);
        return result;
    }

    /// <summary>Returns the first line of <paramref name="text"/> without its CR LF or bare LF.</summary>
    /// <param name="used">Bytes of the line and its line end.</param>
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> text, out int used)
    {
        var newline = text.IndexOf((byte)'\n');
        var line = newline < 0 ? text : text[..newline];
        used = newline < 0 ? text.Length : newline + 1;
        return line.EndsWith((byte)'\r') ? line[..^1] : line;
    }

    private static (Version Version, int Status, string Reason) ParseStatusLine(string line)
    {
        // HTTP-version SP status-code SP [ reason-phrase ]
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[0].Length != 8
            || !char.IsAsciiDigit(parts[0][7]))
        {
            throw Invalid($"the status line \"{Preview(line)}\" is not HTTP/1.x");
        }

        if (parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 100)
        {
            throw Invalid($"the status line \"{Preview(line)}\" has no three-digit status code");
        }

        var version = new Version(1, parts[0][7] - '0');
        return (version, status, parts.Length == 3 ? parts[2] : "");
    }

    private void SetFraming(HttpMethod requestMethod)
    {
        string? transferEncoding = null;
        string? contentLength = null;
        var close = false;
        var keepAliveToken = false;
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = transferEncoding is null ? value : transferEncoding + ", " + value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength is not null && contentLength != value)
                {
                    throw Invalid($"the response has two different Content-Length values, {contentLength} and {value}");
                }

                contentLength = value;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close |= HasToken(value, "close");
                keepAliveToken |= HasToken(value, "keep-alive");
            }
        }

        // HTTP/1.0 closes after each response unless the server sends Connection: keep-alive. After a 101
        // the connection carries the protocol the server switched to, so it takes no more HTTP/1.1 requests.
        KeepAlive = !close && (Version.Minor >= 1 || keepAliveToken) && StatusCode != 101;
        if (StatusCode is < 200 or 204 or 304 || requestMethod == HttpMethod.Head)
        {
            Framing = BodyFraming.None;
        }
        else if (transferEncoding is not null)
        {
            // Only a final "chunked" coding delimits the body; any other coding runs until close.
            var last = transferEncoding.Split(',')[^1].Trim();
            Framing = last.Equals("chunked", StringComparison.OrdinalIgnoreCase) ? BodyFraming.Chunked : BodyFraming.UntilClose;
        }
        else if (contentLength is not null)
        {
            if (!long.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw Invalid($"Content-Length \"{Preview(contentLength)}\" is not a non-negative integer");
            }

            Framing = BodyFraming.Length;
            ContentLength = length;
        }
        else
        {
            Framing = BodyFraming.UntilClose;
        }

        if (Framing == BodyFraming.UntilClose)
        {
            KeepAlive = false;
        }
    }

    private static bool HasToken(string value, string token)
    {
        foreach (var part in value.Split(','))
        {
            if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Preview(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static HttpIOException Invalid(string detail) =>
        new(HttpRequestError.InvalidResponse, "the server sent an invalid HTTP response: " + detail);
}
