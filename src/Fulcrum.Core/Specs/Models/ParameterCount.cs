namespace Fulcrum.Specs.Models;

/// <summary>Parameter counts by component, computed from the architecture.</summary>
public sealed record ParameterCount
{
    /// <summary>Token embedding: vocab_size × hidden_size.</summary>
    public required long Embedding { get; init; }

    /// <summary>All layers' Q, K, V and O projections, with the QKV bias where the family has one.</summary>
    public required long Attention { get; init; }

    /// <summary>All layers' gate, up and down projections.</summary>
    public required long Mlp { get; init; }

    /// <summary>Two RMSNorm weight vectors per layer plus the final norm.</summary>
    public required long Norms { get; init; }

    /// <summary>Output projection; zero when tied to the embedding.</summary>
    public required long LmHead { get; init; }

    public long Total => Embedding + Attention + Mlp + Norms + LmHead;

    /// <summary>Parameters of one transformer layer's linear projections (attention plus MLP).</summary>
    public required long LinearPerLayer { get; init; }

    /// <summary>Parameters of one layer's norms.</summary>
    public required long NormsPerLayer { get; init; }

    public static ParameterCount Of(ModelArchitecture m)
    {
        long h = m.HiddenSize;
        long q = m.QueryDim;
        long kv = m.KeyValueDim;
        long i = m.IntermediateSize;

        var attentionWeights = (h * q) + (2 * h * kv) + (q * h);
        var attentionBias = m.AttentionBias ? q + (2 * kv) : 0;
        var mlpWeights = 3 * h * i;
        var mlpBias = m.MlpBias ? (2 * i) + h : 0;
        var attentionPerLayer = attentionWeights + attentionBias;
        var mlpPerLayer = mlpWeights + mlpBias;
        var normsPerLayer = 2 * h;

        return new ParameterCount
        {
            Embedding = m.VocabSize * h,
            Attention = attentionPerLayer * m.NumLayers,
            Mlp = mlpPerLayer * m.NumLayers,
            Norms = (normsPerLayer * m.NumLayers) + h,
            LmHead = m.TieWordEmbeddings ? 0 : m.VocabSize * h,
            LinearPerLayer = attentionPerLayer + mlpPerLayer,
            NormsPerLayer = normsPerLayer,
        };
    }
}
