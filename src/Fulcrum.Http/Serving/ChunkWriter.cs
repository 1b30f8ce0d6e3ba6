using System.Buffers;
using System.Text.Json;

namespace Fulcrum.Http.Serving;

/// <summary>
/// Writes the JSON objects of an OpenAI-compatible response in vLLM's shapes: stream chunks with one token of
/// text each, the usage-only final chunk, the whole non-streamed response and error bodies.
/// </summary>
internal sealed class ChunkWriter(string id, string model, bool chat, long created)
{
    /// <summary>Filler text: one-token words with a leading space (see <see cref="Prompts.RandomWordPrompts"/>).</summary>
    public static string Token(int index) => " " + Prompts.RandomWordPrompts.Words[index % Prompts.RandomWordPrompts.Words.Length];

    /// <summary>Writes <c>data: {chunk}\n\n</c> for one token; <paramref name="text"/> null writes chat's opening role chunk.</summary>
    public void WriteTokenEvent(IBufferWriter<byte> output, string? text, bool last)
    {
        WriteEvent(output, json =>
        {
            Header(json, chat ? "chat.completion.chunk" : "text_completion");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            if (chat)
            {
                json.WriteStartObject("delta");
                if (text is null)
                {
                    json.WriteString("role", "assistant");
                }

                json.WriteString("content", text ?? "");
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("text", text ?? "");
            }

            json.WriteNull("logprobs");
            if (last)
            {
                json.WriteString("finish_reason", "length");
            }
            else
            {
                json.WriteNull("finish_reason");
            }

            json.WriteEndObject();
            json.WriteEndArray();
        });
    }

    /// <summary>Writes the final chunk with empty <c>choices</c> and the usage, as <c>stream_options.include_usage</c> requests.</summary>
    public void WriteUsageEvent(IBufferWriter<byte> output, int promptTokens, int completionTokens)
    {
        WriteEvent(output, json =>
        {
            Header(json, chat ? "chat.completion.chunk" : "text_completion");
            json.WriteStartArray("choices");
            json.WriteEndArray();
            Usage(json, promptTokens, completionTokens);
        });
    }

    /// <summary>Writes an error event of a 200 stream, <c>data: {"error": {...}}</c>.</summary>
    public static void WriteErrorEvent(IBufferWriter<byte> output, string message, string type, int code) =>
        WriteEvent(output, json =>
        {
            json.WritePropertyName("error");
            ErrorObject(json, message, type, code);
        });

    public static void WriteDone(IBufferWriter<byte> output) => output.Write("data: [DONE]\n\n"u8);

    /// <summary>The whole response of a non-streamed request.</summary>
    public byte[] Response(string text, int promptTokens, int completionTokens)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Header(json, chat ? "chat.completion" : "text_completion");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            if (chat)
            {
                json.WriteStartObject("message");
                json.WriteString("role", "assistant");
                json.WriteString("content", text);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("text", text);
            }

            json.WriteNull("logprobs");
            json.WriteString("finish_reason", "length");
            json.WriteEndObject();
            json.WriteEndArray();
            Usage(json, promptTokens, completionTokens);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>vLLM's error body: <c>{"object": "error", "message": ..., "type": ..., "param": null, "code": ...}</c>.</summary>
    public static byte[] ErrorBody(string message, string type, int code)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ErrorObject(json, message, type, code);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void ErrorObject(Utf8JsonWriter json, string message, string type, int code)
    {
        json.WriteStartObject();
        json.WriteString("object", "error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        json.WriteNumber("code", code);
        json.WriteEndObject();
    }

    private void Header(Utf8JsonWriter json, string objectType)
    {
        json.WriteString("id", id);
        json.WriteString("object", objectType);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void Usage(Utf8JsonWriter json, int promptTokens, int completionTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", promptTokens);
        json.WriteNumber("total_tokens", promptTokens + completionTokens);
        json.WriteNumber("completion_tokens", completionTokens);
        json.WriteEndObject();
    }

    private static void WriteEvent(IBufferWriter<byte> output, Action<Utf8JsonWriter> body)
    {
        output.Write("data: "u8);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        output.Write("\n\n"u8);
    }
}
