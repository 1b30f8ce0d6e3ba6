using System.Text.Json;

namespace Fulcrum.Http.OpenAi;

/// <summary>
/// Reads one <c>data:</c> payload of an OpenAI-style stream with <see cref="Utf8JsonReader"/>, without
/// building a document or allocating unless text or an error message is asked for. Unknown fields are
/// skipped, so server extras (<c>timings</c>, <c>system_fingerprint</c>, <c>matched_stop</c>) do no harm.
/// </summary>
public static class StreamChunkReader
{
    /// <summary>Reads <paramref name="json"/>; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    /// <param name="captureText">Also return the generated text (for client-side token counting).</param>
    public static StreamChunk Read(ReadOnlySpan<byte> json, bool captureText)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Expect(ref reader, JsonTokenType.StartObject);
        var chunk = new StreamChunk();
        var text = captureText ? new TextCollector() : default;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                chunk = chunk with { ChoiceCount = ReadChoices(ref reader, ref text, out var textBytes), TextBytes = textBytes };
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                chunk = ReadUsage(ref reader, chunk);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                Next(ref reader);
                chunk = chunk with { IsError = true, ErrorMessage = ReadErrorMessage(ref reader) };
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return captureText ? chunk with { Text = text.ToText() } : chunk;
    }

    /// <summary>
    /// Returns the message of an error payload: <c>{"error": {"message": ...}}</c>, <c>{"error": "..."}</c>,
    /// or a bare <c>{"message": ...}</c> as llama.cpp's <c>error:</c> field and older vLLM bodies carry it;
    /// null when none of these is there or the bytes are not JSON.
    /// </summary>
    public static string? ReadErrorBody(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? message = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    Next(ref reader);
                    return ReadErrorMessage(ref reader);
                }

                if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("detail"u8))
                {
                    Next(ref reader);
                    message ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }

            return message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int ReadChoices(ref Utf8JsonReader reader, ref TextCollector text, out int textBytes)
    {
        textBytes = 0;
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("\"choices\" is neither an array nor null.");
        }

        var count = 0;
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            count++;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    Next(ref reader);
                    textBytes += ReadText(ref reader, ref text);
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    textBytes += ReadDelta(ref reader, ref text);
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
        }

        return count;
    }

    private static int ReadDelta(ref Utf8JsonReader reader, ref TextCollector text)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        var bytes = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var isText = reader.ValueTextEquals("content"u8)
                || reader.ValueTextEquals("reasoning_content"u8)
                || reader.ValueTextEquals("reasoning"u8);
            Next(ref reader);
            if (isText)
            {
                bytes += ReadText(ref reader, ref text);
            }
            else
            {
                reader.Skip();
            }
        }

        return bytes;
    }

    private static int ReadText(ref Utf8JsonReader reader, ref TextCollector text)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // null, or structured content parts that carry no streamed text.
            reader.Skip();
            return 0;
        }

        var length = reader.ValueSpan.Length;
        if (length > 0)
        {
            text.Add(ref reader);
        }

        return length;
    }

    private static StreamChunk ReadUsage(ref Utf8JsonReader reader, StreamChunk chunk)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            reader.Skip();
            return chunk;
        }

        int? prompt = null;
        int? completion = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                Next(ref reader);
                prompt = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                Next(ref reader);
                completion = ReadCount(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return chunk with { HasUsage = true, PromptTokens = prompt, CompletionTokens = completion };
    }

    private static int? ReadCount(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0 ? value : null;

    private static string ReadErrorMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() ?? "";
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "error event without a message";
        }

        string? message = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8);
            Next(ref reader);
            if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return message ?? "error event without a message";
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The chunk ends before its JSON is complete.");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new JsonException($"Expected {type} at the start of the chunk, found {reader.TokenType}.");
        }
    }

    /// <summary>Concatenates the text fields of a chunk; allocates only when text capture is on.</summary>
    private struct TextCollector
    {
        private string? _first;
        private System.Text.StringBuilder? _more;
        private readonly bool _enabled;

        public TextCollector()
        {
            _enabled = true;
        }

        public void Add(ref Utf8JsonReader reader)
        {
            if (!_enabled)
            {
                return;
            }

            var value = reader.GetString() ?? "";
            if (_first is null)
            {
                _first = value;
                return;
            }

            _more ??= new System.Text.StringBuilder(_first);
            _more.Append(value);
        }

        public readonly string ToText() => _more?.ToString() ?? _first ?? "";
    }
}
