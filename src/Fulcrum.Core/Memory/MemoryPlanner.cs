using System.Globalization;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Memory;

/// <summary>
/// Computes per-GPU memory: weights by stage, activation peak, runtime reserve, and the KV cache left over.
/// Linear layers are stored at the weight precision; embeddings, LM head and norms stay bf16, as
/// fp8, int8 and int4 checkpoints for vLLM keep them.
/// </summary>
public static class MemoryPlanner
{
    private const int ActivationBytes = 2;
    private const int LogitBytes = 4;
    private const int UnquantizedBytes = 2;

    public static MemoryPlan Plan(Deployment d)
    {
        var stages = new List<StageMemory>();
        var layers = d.LayersPerStage;
        for (var s = 0; s < d.Pp; s++)
        {
            stages.Add(PlanStage(d, s, layers[s]));
        }

        var plan = new MemoryPlan { Deployment = d, Stages = stages };
        return plan with { FailureReason = Diagnose(plan) };
    }

    /// <summary>Weight bytes held by one GPU of one transformer layer: its linear shard at the weight precision plus replicated norms.</summary>
    public static double LayerWeightBytesPerGpu(Deployment d)
    {
        var m = d.Model;
        double h = m.HiddenSize;
        double headDim = m.HeadDim;
        var qPerGpu = m.QueryDim / (double)d.Tp;
        var kvPerGpu = d.KvHeadsPerGpu * headDim;
        var linear = (h * qPerGpu) + (2 * h * kvPerGpu) + (qPerGpu * h) + (3 * h * m.IntermediateSize / d.Tp);
        var bias = (m.AttentionBias ? qPerGpu + (2 * kvPerGpu) : 0) + (m.MlpBias ? (2.0 * m.IntermediateSize / d.Tp) + h : 0);
        return (linear * d.Weights.BytesPerElement()) + ((bias + m.Parameters.NormsPerLayer) * UnquantizedBytes);
    }

    /// <summary>KV-cache bytes per token on one GPU holding <paramref name="layers"/> layers.</summary>
    public static long KvBytesPerTokenPerGpu(Deployment d, int layers) =>
        2L * layers * d.KvHeadsPerGpu * d.Model.HeadDim * d.KvCache.BytesPerElement();

    private static StageMemory PlanStage(Deployment d, int stage, int layers)
    {
        var m = d.Model;
        var isFirst = stage == 0;
        var isLast = stage == d.Pp - 1;
        var vocabShard = (double)m.VocabSize * m.HiddenSize / d.Tp * UnquantizedBytes;

        var weights = layers * LayerWeightBytesPerGpu(d);
        if (isFirst)
        {
            weights += vocabShard;
        }

        if (isLast)
        {
            // Tied embeddings share one matrix only when the first and last stage are the same GPU.
            var needsHead = !m.TieWordEmbeddings || !isFirst;
            weights += (needsHead ? vocabShard : 0) + (m.HiddenSize * UnquantizedBytes);
        }

        return new StageMemory
        {
            Stage = stage,
            Layers = layers,
            UsableBytes = (long)(d.Accelerator.HbmCapacityBytes * d.Engine.GpuMemoryUtilization),
            WeightsBytes = (long)Math.Ceiling(weights),
            ActivationBytes = ActivationPeak(d, isLast),
            ReserveBytes = d.Engine.RuntimeReserveBytes,
            KvBytesPerToken = KvBytesPerTokenPerGpu(d, layers),
        };
    }

    /// <summary>
    /// Activation peak of a step of max-num-batched-tokens tokens: residual and normed hidden states plus the wider
    /// of the attention projections and the MLP's gate-up output, in bf16; on the last stage also fp32 logits for
    /// up to max-num-seqs sampled tokens. An estimate of what vLLM's profiling run measures.
    /// </summary>
    private static long ActivationPeak(Deployment d, bool isLast)
    {
        var m = d.Model;
        long tokens = d.Engine.MaxNumBatchedTokens;
        var attention = (m.QueryDim + (2L * d.KvHeadsPerGpu * m.HeadDim)) / d.Tp + (m.QueryDim / d.Tp);
        var mlp = 3L * m.IntermediateSize / d.Tp;
        var perToken = (2L * m.HiddenSize) + Math.Max(attention, mlp);
        var bytes = tokens * perToken * ActivationBytes;
        if (isLast)
        {
            bytes += Math.Min(d.Engine.MaxNumSeqs, tokens) * (long)m.VocabSize * LogitBytes;
        }

        return bytes;
    }

    private static string? Diagnose(MemoryPlan plan)
    {
        var d = plan.Deployment;
        var worst = plan.Stages.MinBy(s => s.KvCacheBytes)!;
        var stageText = d.Pp > 1 ? $" on stage {worst.Stage}" : string.Empty;
        if (worst.WeightsBytes > worst.UsableBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"weights need {Gib(worst.WeightsBytes)} GiB per GPU{stageText} but only {Gib(worst.UsableBytes)} GiB is usable ({Gib(d.Accelerator.HbmCapacityBytes)} GiB × {d.Engine.GpuMemoryUtilization})");
        }

        if (worst.KvCacheBytes <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"no room for a KV cache{stageText}: weights {Gib(worst.WeightsBytes)} + activations {Gib(worst.ActivationBytes)} + reserve {Gib(worst.ReserveBytes)} GiB exceed the usable {Gib(worst.UsableBytes)} GiB");
        }

        if (plan.KvCacheTokens < d.MaxModelLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the KV cache holds {plan.KvCacheTokens} tokens, fewer than one sequence of max-model-len {d.MaxModelLength}; lower --max-model-len or use more GPUs");
        }

        return null;
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture);
}
