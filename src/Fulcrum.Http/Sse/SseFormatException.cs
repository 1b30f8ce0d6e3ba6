namespace Fulcrum.Http.Sse;

/// <summary>The response body is not a well-formed server-sent event stream.</summary>
public sealed class SseFormatException : Exception
{
    public SseFormatException()
    {
    }

    public SseFormatException(string message)
        : base(message)
    {
    }

    public SseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
