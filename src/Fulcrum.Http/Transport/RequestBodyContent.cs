using System.Net.Http;

namespace Fulcrum.Http.Transport;

/// <summary>A request body already in memory, which <see cref="Http11StreamingHandler"/> sends without copying it first.</summary>
internal sealed class RequestBodyContent : ByteArrayContent
{
    private readonly byte[] _bytes;

    public RequestBodyContent(byte[] bytes)
        : base(bytes)
    {
        _bytes = bytes;
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;
}
