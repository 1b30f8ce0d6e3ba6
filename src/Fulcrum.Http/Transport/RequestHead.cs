using System.Globalization;
using System.Net.Http;
using System.Text;

namespace Fulcrum.Http.Transport;

/// <summary>Writes the request line and header fields of an HTTP/1.1 request (RFC 9112, sections 3 and 5).</summary>
internal static class RequestHead
{
    /// <summary>
    /// Formats <paramref name="request"/>'s head with a <c>Host</c> field from its URI and a
    /// <c>Content-Length</c> of <paramref name="bodyLength"/>, in place of any the request carries. A
    /// <c>Transfer-Encoding</c> field of the request is left out.
    /// </summary>
    /// <exception cref="HttpRequestException">A header value contains a line break, which would split the head.</exception>
    public static byte[] Format(HttpRequestMessage request, int bodyLength)
    {
        var uri = request.RequestUri!;
        var text = new StringBuilder(256);
        text.Append(request.Method.Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(uri.Authority).Append("\r\n");
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            // The body always goes whole with a Content-Length, so a Transfer-Encoding field would misframe it.
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                AppendField(text, name, values.ToString());
            }
        }

        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    AppendField(text, name, values.ToString());
                }
            }
        }

        if (request.Content is not null || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            text.Append("Content-Length: ").Append(bodyLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        text.Append("\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static void AppendField(StringBuilder text, string name, string value)
    {
        if (value.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new HttpRequestException($"the value of request header {name} contains a line break");
        }

        text.Append(name).Append(": ").Append(value).Append("\r\n");
    }
}
