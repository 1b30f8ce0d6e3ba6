namespace Fulcrum.Tests.Http.Transport;

/// <summary>A request as a <see cref="RawServer"/> received it.</summary>
/// <param name="Connection">The accept-order index of the connection that carried it.</param>
/// <param name="Head">The request line and header lines, each ending in CR LF, and the empty line.</param>
internal sealed record RawRequest(int Connection, string Head, byte[] Body)
{
    public string RequestLine => Head[..Head.IndexOf("\r\n", StringComparison.Ordinal)];

    /// <summary>Header lines as sent, without the request line.</summary>
    public IReadOnlyList<string> HeaderLines => Head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];

    /// <summary>Values of every header field named <paramref name="name"/> (any case), in order.</summary>
    public IReadOnlyList<string> Headers(string name) =>
        [.. HeaderLines.Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(line => line[(name.Length + 1)..].Trim())];

    /// <summary>The value of the only field named <paramref name="name"/>, or null when there is none.</summary>
    public string? Header(string name) => Headers(name) switch
    {
        [] => null,
        [var only] => only,
        var many => throw new InvalidOperationException($"the request has {many.Count} {name} fields"),
    };

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
