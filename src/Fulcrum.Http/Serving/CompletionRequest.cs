using System.Text.Json;

namespace Fulcrum.Http.Serving;

/// <summary>The fields of an OpenAI completion or chat completion request that the simulated endpoint uses.</summary>
internal sealed record CompletionRequest(string? Model, int PromptTokens, int? MaxTokens, bool Stream, bool IncludeUsage)
{
    /// <summary>
    /// Reads a request body; returns null with a message for a body that is not a JSON object or lacks the prompt.
    /// Prompt tokens are counted as whitespace-separated words, exact for prompts of one-token words such as
    /// <c>fulcrum bench</c>'s random prompts and an estimate otherwise.
    /// </summary>
    public static CompletionRequest? Read(byte[] body, bool chat, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the request body must be a JSON object";
                return null;
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            int? words = chat ? CountChatWords(root) : CountPromptWords(root);
            if (words is null)
            {
                error = chat ? "'messages' must be an array of messages with string content" : "'prompt' must be a string or an array of strings";
                return null;
            }

            var maxTokens = ReadInt(root, "max_completion_tokens") ?? ReadInt(root, "max_tokens");
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var usage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;
            return new CompletionRequest(model, Math.Max(1, words.Value), maxTokens, stream, usage);
        }
        catch (JsonException e)
        {
            error = "the request body is not valid JSON: " + e.Message;
            return null;
        }
    }

    private static int? ReadInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static int? CountPromptWords(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt))
        {
            return null;
        }

        return prompt.ValueKind switch
        {
            JsonValueKind.String => CountWords(prompt.GetString()!),
            JsonValueKind.Array when prompt.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String) =>
                prompt.EnumerateArray().Sum(p => CountWords(p.GetString()!)),
            _ => null,
        };
    }

    private static int? CountChatWords(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var words = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
            {
                return null;
            }

            words += content.ValueKind switch
            {
                JsonValueKind.String => CountWords(content.GetString()!),
                JsonValueKind.Array => content.EnumerateArray()
                    .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    .Sum(part => CountWords(part.GetProperty("text").GetString()!)),
                _ => 0,
            };
        }

        return words;
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
