using System.Text.Json;
using System.Text.RegularExpressions;
using Fulcrum.Errors;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Prompts;

/// <summary>
/// Loads a local Hugging Face <c>tokenizer.json</c> into Microsoft.ML.Tokenizers, offline. Byte-level
/// BPE files (Llama 3, Qwen2.5, GPT-2 style) become a <see cref="BpeTokenizer"/> built from the file's
/// vocabulary, merges, special tokens and split regex. SentencePiece-style files (Metaspace BPE or
/// Unigram, as Llama 2 and Mistral ship) go to <see cref="SentencePieceTokenizer.CreateFromTokenizerJson"/>.
/// </summary>
public static class HuggingFaceTokenizer
{
    // GPT-2's split pattern, which the ByteLevel pre-tokenizer applies when the file names no Split regex.
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>Loads <paramref name="path"/>; a bad-input error names the file and what is wrong with it.</summary>
    public static Tokenizer Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--tokenizer {path}: cannot read the file ({e.Message}); give the path of a Hugging Face tokenizer.json.");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("model", out var model) || !model.TryGetProperty("type", out var type))
            {
                throw Unsupported(path, "it has no \"model.type\"");
            }

            var kind = type.GetString();
            if (kind == "BPE" && IsByteLevel(root))
            {
                return CreateByteLevelBpe(root, model);
            }

            if (kind is "BPE" or "Unigram")
            {
                // NOTE: this path is exercised only by the package's own tests, not by a Fulcrum fixture.
                using var stream = new MemoryStream(bytes, writable: false);
                return SentencePieceTokenizer.CreateFromTokenizerJson(stream, addBeginningOfSentence: false, addEndOfSentence: false);
            }

            throw Unsupported(path, $"its model type is \"{kind}\"");
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InputException($"--tokenizer {path}: not a usable Hugging Face tokenizer.json ({e.Message}).");
        }
    }

    private static BpeTokenizer CreateByteLevelBpe(JsonElement root, JsonElement model)
    {
        var vocabulary = model.GetProperty("vocab").EnumerateObject()
            .Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32()))
            .ToList();
        var merges = model.GetProperty("merges").EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array ? $"{m[0].GetString()} {m[1].GetString()}" : m.GetString()!)
            .ToList();
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (token.TryGetProperty("special", out var isSpecial) && isSpecial.GetBoolean())
                {
                    special[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
                }
            }
        }

        var pattern = FindSplitPattern(root.GetProperty("pre_tokenizer")) ?? Gpt2Pattern;
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

        // NOTE: "ignore_merges" (Llama 3) looks a whole pre-token up before merging; plain BPE merging
        // reaches the same token in the usual case, but this has not been checked on a full vocabulary.
        return BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            SpecialTokens = special.Count == 0 ? null : special,
            PreTokenizer = new RegexPreTokenizer(regex, special.Count == 0 ? null : special),
        });
    }

    private static bool IsByteLevel(JsonElement root) =>
        (root.TryGetProperty("pre_tokenizer", out var pre) && Contains(pre, "ByteLevel"))
        || (root.TryGetProperty("decoder", out var decoder) && Contains(decoder, "ByteLevel"));

    private static bool Contains(JsonElement component, string type)
    {
        if (component.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (component.TryGetProperty("type", out var t) && t.GetString() == type)
        {
            return true;
        }

        foreach (var listName in new[] { "pretokenizers", "decoders" })
        {
            if (component.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array && list.EnumerateArray().Any(c => Contains(c, type)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FindSplitPattern(JsonElement preTokenizer)
    {
        if (preTokenizer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (preTokenizer.TryGetProperty("type", out var t) && t.GetString() == "Split"
            && preTokenizer.TryGetProperty("pattern", out var pattern) && pattern.TryGetProperty("Regex", out var regex))
        {
            return regex.GetString();
        }

        if (preTokenizer.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select(FindSplitPattern).FirstOrDefault(p => p is not null);
        }

        return null;
    }

    private static InputException Unsupported(string path, string why) =>
        new($"--tokenizer {path}: unsupported tokenizer.json because {why}; Fulcrum reads byte-level BPE (Llama 3, Qwen2.5), SentencePiece BPE and Unigram files.");
}
