namespace Fulcrum.Specs.Models;

/// <summary>
/// A dense decoder-only transformer as described by a Hugging Face <c>config.json</c>:
/// gated (SwiGLU) MLP, grouped-query attention, RMSNorm, rotary position embeddings.
/// </summary>
public sealed record ModelArchitecture
{
    /// <summary>Catalog name or the path the config was read from.</summary>
    public required string Name { get; init; }

    /// <summary>Hugging Face class name, such as <c>LlamaForCausalLM</c>.</summary>
    public required string Architecture { get; init; }

    public required int HiddenSize { get; init; }

    public required int IntermediateSize { get; init; }

    public required int NumLayers { get; init; }

    public required int NumAttentionHeads { get; init; }

    public required int NumKeyValueHeads { get; init; }

    /// <summary>Per-head dimension: <c>head_dim</c> when the config has it, else hidden_size / num_attention_heads.</summary>
    public required int HeadDim { get; init; }

    public required int VocabSize { get; init; }

    /// <summary>Longest context the model supports, in tokens.</summary>
    public required int MaxPositionEmbeddings { get; init; }

    public required bool TieWordEmbeddings { get; init; }

    /// <summary>Whether the Q, K and V projections carry a bias (Qwen2 does).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Whether the MLP projections carry a bias.</summary>
    public bool MlpBias { get; init; }

    public RopeScaling? RopeScaling { get; init; }

    /// <summary>Width of the concatenated query heads: num_attention_heads × head_dim.</summary>
    public int QueryDim => NumAttentionHeads * HeadDim;

    /// <summary>Width of the key (or value) heads: num_key_value_heads × head_dim.</summary>
    public int KeyValueDim => NumKeyValueHeads * HeadDim;

    public ParameterCount Parameters => ParameterCount.Of(this);
}
