using System.Text.Json;
using Fulcrum.Errors;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Prompts;

/// <summary>
/// Reads prompts from a JSONL file: one object per line with <c>"prompt"</c> (string, required) and
/// <c>"max_tokens"</c> (positive integer, optional). Blank lines are skipped. Errors name the file,
/// the line and the field.
/// </summary>
public static class PromptFile
{
    /// <summary>Reads <paramref name="path"/>; counts each prompt's tokens when a tokenizer is given.</summary>
    public static IReadOnlyList<PromptSample> Read(string path, Tokenizer? tokenizer = null)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--prompts {path}: cannot read the file ({e.Message}); give a readable JSONL file with one {{\"prompt\": ...}} object per line.");
        }

        var prompts = new List<PromptSample>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            prompts.Add(ReadLine(path, i + 1, lines[i], tokenizer));
        }

        if (prompts.Count == 0)
        {
            throw new InputException($"--prompts {path}: the file has no prompts; add one {{\"prompt\": ...}} object per line.");
        }

        return prompts;
    }

    private static PromptSample ReadLine(string path, int lineNumber, string line, Tokenizer? tokenizer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}:{lineNumber}: not valid JSON ({e.Message}); each line must be an object such as {{\"prompt\": \"...\", \"max_tokens\": 128}}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
            {
                throw new InputException($"{path}:{lineNumber}: field \"prompt\" is missing or not a string; each line must be an object such as {{\"prompt\": \"...\"}}.");
            }

            int? maxTokens = null;
            if (root.TryGetProperty("max_tokens", out var max) && max.ValueKind != JsonValueKind.Null)
            {
                if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var value) || value < 1)
                {
                    throw new InputException($"{path}:{lineNumber}: field \"max_tokens\" must be a positive integer; got {max.GetRawText()}.");
                }

                maxTokens = value;
            }

            var text = prompt.GetString()!;
            return new PromptSample(text, tokenizer?.CountTokens(text), maxTokens);
        }
    }
}
