using System.Net;
using System.Net.Http;

namespace Fulcrum.Http.Transport;

/// <summary>A response's content, read straight from its connection by <see cref="Http11BodyStream"/>.</summary>
internal sealed class Http11Content : HttpContent
{
    private readonly Http11BodyStream _body;

    public Http11Content(Http11BodyStream body)
    {
        _body = body;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
