using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fulcrum.Http.OpenAi;

/// <summary>
/// Writes the JSON body of a streaming completion or chat completion request. Streaming and
/// <c>stream_options.include_usage</c> are always set explicitly, because vLLM and others send the
/// final usage chunk only when asked.
/// </summary>
public static class RequestBodyWriter
{
    // The minimal escaping keeps non-ASCII prompts at their UTF-8 size; the body is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body for <paramref name="prompt"/> into <paramref name="destination"/>.</summary>
    /// <param name="maxTokens">The <c>max_tokens</c> field; null leaves the length to the server.</param>
    public static void Write(IBufferWriter<byte> destination, RequestSettings settings, string prompt, int? maxTokens)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(prompt);
        using var json = new Utf8JsonWriter(destination, WriterOptions);
        json.WriteStartObject();
        json.WriteString("model"u8, settings.ModelName);
        if (settings.Endpoint == EndpointKind.Chat)
        {
            json.WriteStartArray("messages"u8);
            json.WriteStartObject();
            json.WriteString("role"u8, "user"u8);
            json.WriteString("content"u8, prompt);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("prompt"u8, prompt);
        }

        if (maxTokens is { } max)
        {
            json.WriteNumber("max_tokens"u8, max);
            if (settings.LengthControl.HasFlag(OutputLengthControl.MinTokens))
            {
                json.WriteNumber("min_tokens"u8, max);
            }
        }

        if (settings.LengthControl.HasFlag(OutputLengthControl.IgnoreEos))
        {
            json.WriteBoolean("ignore_eos"u8, true);
        }

        json.WriteBoolean("stream"u8, true);
        json.WriteStartObject("stream_options"u8);
        json.WriteBoolean("include_usage"u8, true);
        if (settings.ContinuousUsageStats)
        {
            json.WriteBoolean("continuous_usage_stats"u8, true);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Scratch buffer per thread. Utf8JsonWriter requests room for a string's worst case (three bytes per character,
    /// six where it escapes), so a fresh buffer for a 300 KB prompt would grow to 1 to 2 MB before the body is copied out.
    /// </summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Returns the body as a new byte array.</summary>
    public static byte[] ToArray(RequestSettings settings, string prompt, int? maxTokens)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var buffer = t_scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Write(buffer, settings, prompt, maxTokens);
        return buffer.WrittenSpan.ToArray();
    }
}
