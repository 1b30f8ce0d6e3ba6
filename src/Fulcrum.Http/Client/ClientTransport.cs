namespace Fulcrum.Http.Client;

/// <summary>The HTTP implementation that carries the benchmark client's requests.</summary>
public enum ClientTransport
{
    /// <summary>The streaming transport for <c>http://</c> and .NET's handler for <c>https://</c>.</summary>
    Auto,

    /// <summary>
    /// Fulcrum's HTTP/1.1 transport (<see cref="Transport.Http11StreamingHandler"/>), which allocates nothing
    /// per streamed token; plain <c>http://</c> only.
    /// </summary>
    Streaming,

    /// <summary>.NET's <see cref="System.Net.Http.SocketsHttpHandler"/>, which also serves <c>https://</c>.</summary>
    DotNet,
}
