namespace Fulcrum.Http.Client;

/// <summary>Transport settings of the benchmark client.</summary>
public sealed class ClientOptions
{
    /// <summary>Limit on one request, from send to the end of its stream; a stalled stream fails here as a timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Limit on opening a TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bearer token for the <c>Authorization</c> header; null sends none.</summary>
    public ApiKey? ApiKey { get; init; }

    /// <summary>
    /// Bytes read from the socket per call. 16 KiB holds many chunks, so a busy stream costs few reads,
    /// while a chunk still surfaces as soon as its bytes arrive.
    /// </summary>
    public int ReadBufferBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// HTTP/1.1 carries one stream per connection, so this caps concurrent streams; the default sets
    /// no cap and leaves concurrency to the load driver.
    /// </summary>
    public int MaxConnectionsPerServer { get; init; } = int.MaxValue;

    /// <summary>The HTTP transport; <see cref="ClientTransport.Auto"/> picks by the endpoint's scheme.</summary>
    public ClientTransport Transport { get; init; } = ClientTransport.Auto;

    /// <summary>
    /// Returns the transport that carries requests to <paramref name="baseAddress"/>: <see cref="Transport"/>, with
    /// <see cref="ClientTransport.Auto"/> resolved to streaming for <c>http://</c> and .NET's handler for <c>https://</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The streaming transport was chosen for an <c>https://</c> address.</exception>
    public ClientTransport TransportFor(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var plain = baseAddress.Scheme == Uri.UriSchemeHttp;
        return Transport switch
        {
            ClientTransport.Streaming when !plain => throw new ArgumentException(
                $"the streaming transport sends plain http:// requests only, not {baseAddress}; use the .NET transport for https://", nameof(baseAddress)),
            ClientTransport.Auto => plain ? ClientTransport.Streaming : ClientTransport.DotNet,
            var chosen => chosen,
        };
    }
}
