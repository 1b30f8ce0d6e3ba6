using System.Text.Json;
using Fulcrum.Errors;

namespace Fulcrum.Specs.Models;

/// <summary>Reads a Hugging Face <c>config.json</c> of a dense decoder into a <see cref="ModelArchitecture"/>.</summary>
public static class ModelConfigReader
{
    /// <summary>Hugging Face classes whose layers this model prices: gated MLP, GQA, RMSNorm, RoPE.</summary>
    public static readonly IReadOnlyList<string> SupportedArchitectures =
        ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"];

    public static ModelArchitecture ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read model config '{path}': {e.Message}", e);
        }

        return Parse(text, path, Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? path);
    }

    /// <summary>Parses config JSON. <paramref name="source"/> names the file in errors.</summary>
    public static ModelArchitecture Parse(string json, string source, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException($"Model config '{source}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"Model config '{source}' must be a JSON object like a Hugging Face config.json.");
            }

            var architecture = ReadArchitecture(root, source);
            var hidden = RequiredPositive(root, "hidden_size", source);
            var heads = RequiredPositive(root, "num_attention_heads", source);
            var kvHeads = OptionalPositive(root, "num_key_value_heads", source) ?? heads;
            var headDim = OptionalPositive(root, "head_dim", source) ?? DefaultHeadDim(hidden, heads, source);
            if (heads % kvHeads != 0)
            {
                throw new InputException(
                    $"Model config '{source}': num_attention_heads ({heads}) is not a multiple of num_key_value_heads ({kvHeads}); grouped-query attention needs it to be.");
            }

            var isQwen2 = architecture == "Qwen2ForCausalLM";
            return new ModelArchitecture
            {
                Name = name,
                Architecture = architecture,
                HiddenSize = hidden,
                IntermediateSize = RequiredPositive(root, "intermediate_size", source),
                NumLayers = RequiredPositive(root, "num_hidden_layers", source),
                NumAttentionHeads = heads,
                NumKeyValueHeads = kvHeads,
                HeadDim = headDim,
                VocabSize = RequiredPositive(root, "vocab_size", source),
                MaxPositionEmbeddings = RequiredPositive(root, "max_position_embeddings", source),
                TieWordEmbeddings = OptionalBool(root, "tie_word_embeddings", source) ?? false,

                // Qwen2 always has a bias on Q, K and V and none elsewhere; Llama and Mistral
                // configs may say so with attention_bias and mlp_bias.
                AttentionBias = isQwen2 || (OptionalBool(root, "attention_bias", source) ?? false),
                MlpBias = OptionalBool(root, "mlp_bias", source) ?? false,
                RopeScaling = ReadRopeScaling(root, source),
            };
        }
    }

    private static string ReadArchitecture(JsonElement root, string source)
    {
        var supported = string.Join(", ", SupportedArchitectures);
        if (!root.TryGetProperty("architectures", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new InputException($"Model config '{source}' is missing the field 'architectures'. Supported: {supported}.");
        }

        var name = list[0].ValueKind == JsonValueKind.String ? list[0].GetString()! : string.Empty;
        if (!SupportedArchitectures.Contains(name))
        {
            throw new InputException(
                $"Model config '{source}' has unsupported architecture '{name}'. Supported dense decoders: {supported}.");
        }

        return name;
    }

    private static int DefaultHeadDim(int hidden, int heads, string source)
    {
        if (hidden % heads != 0)
        {
            throw new InputException(
                $"Model config '{source}': hidden_size ({hidden}) is not divisible by num_attention_heads ({heads}) and no head_dim is given.");
        }

        return hidden / heads;
    }

    private static RopeScaling? ReadRopeScaling(JsonElement root, string source)
    {
        if (!root.TryGetProperty("rope_scaling", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"Model config '{source}': field 'rope_scaling' must be an object or null.");
        }

        var type = value.TryGetProperty("rope_type", out var t) || value.TryGetProperty("type", out t) ? t.GetString() ?? "unknown" : "unknown";
        var factor = value.TryGetProperty("factor", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : 1.0;
        int? original = value.TryGetProperty("original_max_position_embeddings", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : null;
        return new RopeScaling(type, factor, original);
    }

    private static int RequiredPositive(JsonElement root, string field, string source) =>
        OptionalPositive(root, field, source)
        ?? throw new InputException($"Model config '{source}' is missing the field '{field}'; add it as in the model's Hugging Face config.json.");

    private static int? OptionalPositive(JsonElement root, string field, string source)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new InputException($"Model config '{source}': field '{field}' must be a whole number, got {value.GetRawText()}.");
        }

        if (number <= 0)
        {
            throw new InputException($"Model config '{source}': field '{field}' must be positive, got {number}.");
        }

        return number;
    }

    private static bool? OptionalBool(JsonElement root, string field, string source)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InputException($"Model config '{source}': field '{field}' must be true or false, got {value.GetRawText()}."),
        };
    }
}
