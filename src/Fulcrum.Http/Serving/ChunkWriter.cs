using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Fulcrum.Http.Serving;

/// <summary>
/// Writes the JSON objects of an OpenAI-compatible response in vLLM's shapes: stream chunks with one token of
/// text each, the usage-only final chunk, the whole non-streamed response and error bodies.
/// </summary>
internal sealed class ChunkWriter(string id, string model, bool chat, long created)
{
    /// <summary>The filler words as JSON string contents in UTF-8, so a token event is three copies and no encoding.</summary>
    private static readonly byte[][] EncodedTokens = Prompts.RandomWordPrompts.Words
        .Select(w => JsonEncodedText.Encode(" " + w).EncodedUtf8Bytes.ToArray())
        .ToArray();

    private byte[]? tokenPrefix;
    private byte[]? tokenSuffix;
    private byte[]? lastTokenSuffix;

    /// <summary>Filler text: one-token words with a leading space (see <see cref="Prompts.RandomWordPrompts"/>).</summary>
    public static string Token(int index) => " " + Prompts.RandomWordPrompts.Words[index % Prompts.RandomWordPrompts.Words.Length];

    /// <summary>
    /// Writes <c>data: {chunk}\n\n</c> carrying filler token <paramref name="index"/> (<see cref="Token"/>). Every
    /// chunk of a response differs only in its text and finish reason, so the bytes around the text are built
    /// once per response. At 100,000 tokens/s this keeps the server's cost per token to copies.
    /// </summary>
    public void WriteTokenEvent(IBufferWriter<byte> output, int index, bool last)
    {
        if (tokenPrefix is null)
        {
            var header = $"data: {{\"id\":\"{JsonEncodedText.Encode(id)}\",\"object\":\"{(chat ? "chat.completion.chunk" : "text_completion")}\",\"created\":{created},\"model\":\"{JsonEncodedText.Encode(model)}\",\"choices\":[{{\"index\":0,";
            tokenPrefix = Encoding.UTF8.GetBytes(header + (chat ? "\"delta\":{\"content\":\"" : "\"text\":\""));
            var close = chat ? "\"}," : "\",";
            tokenSuffix = Encoding.UTF8.GetBytes(close + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
            lastTokenSuffix = Encoding.UTF8.GetBytes(close + "\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");
        }

        output.Write(tokenPrefix);
        output.Write(EncodedTokens[index % EncodedTokens.Length]);
        output.Write(last ? lastTokenSuffix : tokenSuffix);
    }

    /// <summary>Writes chat's opening chunk, which carries the assistant role and empty content.</summary>
    public void WriteRoleEvent(IBufferWriter<byte> output)
    {
        WriteEvent(output, json =>
        {
            Header(json, "chat.completion.chunk");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            json.WriteString("role", "assistant");
            json.WriteString("content", "");
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteNull("finish_reason");
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
