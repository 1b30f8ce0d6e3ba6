using System.Net.Http;

namespace Fulcrum.Http.Transport;

/// <summary>Error text for people: transport exceptions' messages without the codes .NET appends to them.</summary>
internal static class ErrorMessages
{
    /// <summary>
    /// Returns <paramref name="exception"/>'s message, then its inner exception's in brackets when that adds
    /// something, e.g. "the connection failed while receiving (Connection reset by peer)".
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = MessageOf(exception);
        if (exception.InnerException is not { } inner)
        {
            return message;
        }

        var innerMessage = MessageOf(inner);
        return message.Contains(innerMessage, StringComparison.Ordinal) ? message : $"{message} ({innerMessage})";
    }

    /// <summary>
    /// Returns the message without the " (ResponseEnded)"-style suffix that <see cref="HttpIOException"/> appends,
    /// which names an enum member rather than saying anything new.
    /// </summary>
    private static string MessageOf(Exception exception)
    {
        var message = exception.Message;
        if (exception is HttpIOException io)
        {
            var suffix = $" ({io.HttpRequestError})";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return message[..^suffix.Length];
            }
        }

        return message;
    }
}
