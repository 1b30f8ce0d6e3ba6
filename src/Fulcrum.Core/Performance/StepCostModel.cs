using Fulcrum.Performance.Pricing;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Performance;

/// <summary>
/// Prices engine steps of a deployment from its shapes, the accelerator's datasheet peaks and a
/// <see cref="HardwareProfile"/>. Per layer on one GPU of the TP group: the QKV, output, gate-up and down GEMMs,
/// attention over the batch's context, element-wise kernels and two all-reduces. The first stage adds the
/// embedding lookup, its all-reduce and the CPU time of the step. The last stage adds the final norm, the LM head
/// over the sampled tokens, the logits all-gather and sampling. Every kernel adds a fixed launch cost, smaller
/// when a decode-only step replays a graph. Constants are computed once here; pricing a step does not allocate.
/// </summary>
public sealed class StepCostModel : IStepCostModel
{
    private readonly LayerShapes shapes;
    private readonly CollectivePricer collectives;
    private readonly int[] layers;
    private readonly bool[] crossesNodes;
    private readonly int tp;

    public StepCostModel(Deployment deployment, HardwareProfile profile)
    {
        Deployment = deployment;
        Profile = profile;
        shapes = new LayerShapes(deployment, profile);
        collectives = new CollectivePricer(deployment, profile);
        layers = deployment.LayersPerStage.ToArray();
        tp = deployment.Tp;
        crossesNodes = new bool[deployment.Pp];
        for (var s = 0; s + 1 < deployment.Pp; s++)
        {
            crossesNodes[s] = BoundaryCrossesNodes(deployment, s);
        }
    }

    /// <summary>A model with the built-in profile of the deployment's accelerator.</summary>
    public StepCostModel(Deployment deployment)
        : this(deployment, HardwareProfiles.For(deployment.Accelerator))
    {
    }

    public Deployment Deployment { get; }

    public HardwareProfile Profile { get; }

    public int Stages => layers.Length;

    /// <summary>Transformer layers held by <paramref name="stage"/>.</summary>
    public int LayersOn(int stage) => layers[stage];

    /// <summary>Whether the send from <paramref name="stage"/> to the next one leaves the node.</summary>
    public bool TransferCrossesNodes(int stage) => crossesNodes[stage];

    public StepCost PriceStage(in StepBatch batch, int stage)
    {
        var tally = default(StageTally);
        Evaluate(batch, stage, ref tally);
        return tally.ToCost();
    }

    /// <summary>FLOPs, bytes and communication of <paramref name="batch"/> on one GPU of <paramref name="stage"/>.</summary>
    public StepWork Work(in StepBatch batch, int stage)
    {
        var tally = default(StageTally);
        Evaluate(batch, stage, ref tally);
        return tally.ToWork();
    }

    /// <summary>
    /// Sends the hidden states and the residual (two tensors of tokens × hidden × 2 bytes, as vLLM's Llama passes
    /// between pipeline ranks) from each GPU of <paramref name="stage"/> to its peer in the next stage.
    /// </summary>
    public double TransferSeconds(in StepBatch batch, int stage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stage, layers.Length);
        return stage == layers.Length - 1 ? 0 : collectives.PointToPointSeconds(TransferBytes(batch), crossesNodes[stage]);
    }

    /// <summary>Bytes each GPU sends to the next stage: hidden states and residual.</summary>
    public double TransferBytes(in StepBatch batch) => 2 * batch.Tokens * shapes.HiddenBytesPerToken;

    /// <summary>
    /// Whether the boundary after <paramref name="stage"/> crosses nodes. GPUs of a replica are numbered with TP
    /// innermost, so stage s has GPUs s·TP to (s + 1)·TP − 1 and the boundary crosses when those two GPUs
    /// fall in different nodes.
    /// </summary>
    internal static bool BoundaryCrossesNodes(Deployment d, int stage)
    {
        // NOTE: this places the replica from the first GPU of a node; a replica of DP > 1 that starts mid-node
        // can cross at another boundary.
        var firstOfNext = (stage + 1) * d.Tp;
        return (firstOfNext - 1) / d.Cluster.GpusPerNode != firstOfNext / d.Cluster.GpusPerNode;
    }

    private void Evaluate(in StepBatch batch, int stage, ref StageTally tally)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stage, layers.Length);
        if (batch.IsEmpty)
        {
            return;
        }

        var tokens = (double)batch.Tokens;
        var n = layers[stage];
        var profile = Profile;

        tally.AddGemm(shapes.Qkv, tokens, n);
        tally.AddGemm(shapes.Output, tokens, n);
        tally.AddGemm(shapes.GateUp, tokens, n);
        tally.AddGemm(shapes.Down, tokens, n);
        AddAttention(batch, n, ref tally);
        tally.AddElementwise(shapes.LayerElementwiseBytesPerToken * tokens, shapes.LayerNormWeightBytes, shapes.ElementwiseSecondsPerByte, n, shapes.LayerElementwiseKernels);

        var kvWrite = tokens * shapes.KvBytesPerTokenPerLayer * n;
        tally.KvCacheWriteBytes += kvWrite;
        tally.ElementwiseSeconds += kvWrite * shapes.ElementwiseSecondsPerByte;

        var hiddenBytes = tokens * shapes.HiddenBytesPerToken;
        AddAllReduces(hiddenBytes, 2 * n, ref tally);

        if (stage == 0)
        {
            // Embedding lookup: read one bf16 row per token, write the hidden state. With TP each GPU looks up its
            // vocabulary shard and an all-reduce combines them.
            tally.AddElementwise(hiddenBytes, hiddenBytes, shapes.ElementwiseSecondsPerByte, 1, 1);
            AddAllReduces(hiddenBytes, 1, ref tally);
        }

        if (stage == layers.Length - 1)
        {
            AddHead(batch, hiddenBytes, ref tally);
        }

        var launches = tally.Kernels;
        var graphs = batch.PrefillSequences == 0 && batch.Tokens <= profile.GraphMaxTokens;
        var overhead = launches * profile.KernelGraphOverheadSeconds;
        if (!graphs)
        {
            // Without graphs the CPU launches kernels ahead of the GPU; only launch time the GPU cannot hide counts.
            overhead += Math.Max(0, (launches * profile.KernelEagerLaunchSeconds) - tally.BusySeconds);
        }

        if (stage == 0)
        {
            // NOTE: the CPU time is charged once, before the first stage, and never overlaps GPU work; engines
            // that schedule the next step while the GPU runs (vLLM's async scheduling) hide part of it.
            overhead += profile.CpuStepFixedSeconds + (profile.CpuPerSequenceSeconds * batch.Sequences);
        }

        tally.OverheadSeconds += overhead;
    }

    private void AddAttention(in StepBatch batch, int n, ref StageTally tally)
    {
        if (batch.DecodeSequences > 0)
        {
            // Decode: each sequence reads its whole KV cache; the FLOPs rarely matter next to the bytes.
            var flops = shapes.AttentionFlopsPerPair * batch.DecodeContextSum;
            var kvRead = shapes.KvBytesPerTokenPerLayer * batch.DecodeContextSum;
            var queryOutput = shapes.QueryOutputBytesPerToken * batch.DecodeSequences;
            var seconds = Math.Max((kvRead + queryOutput) * shapes.DecodeSecondsPerByte, flops * shapes.AttentionComputeSecondsPerFlop);
            AddAttentionKernel(seconds, flops, kvRead, queryOutput, n, ref tally);
        }

        if (batch.PrefillTokens > 0)
        {
            // Prefill: causal attention over the chunk and its cached prefix, usually limited by the matrix units.
            var flops = shapes.AttentionFlopsPerPair * batch.PrefillAttentionPairs;
            var kvRead = shapes.KvBytesPerTokenPerLayer * (batch.PrefillPrefixSum + batch.PrefillTokens);
            var queryOutput = shapes.QueryOutputBytesPerToken * batch.PrefillTokens;
            var seconds = Math.Max(flops * shapes.AttentionComputeSecondsPerFlop, (kvRead + queryOutput) * shapes.PrefillSecondsPerByte);
            AddAttentionKernel(seconds, flops, kvRead, queryOutput, n, ref tally);
        }
    }

    private static void AddAttentionKernel(double seconds, double flops, double kvRead, double queryOutput, int n, ref StageTally tally)
    {
        tally.AttentionSeconds += seconds * n;
        tally.AttentionFlops += flops * n;
        tally.KvCacheReadBytes += kvRead * n;
        tally.ActivationBytes += queryOutput * n;
        tally.Kernels += n;
    }

    private void AddAllReduces(double bytes, int count, ref StageTally tally)
    {
        if (tp == 1)
        {
            return;
        }

        tally.CollectiveSeconds += collectives.AllReduceSeconds(bytes) * count;
        tally.AllReduceBytes += bytes * count;
        tally.AllReduces += count;
    }

    private void AddHead(in StepBatch batch, double hiddenBytes, ref StageTally tally)
    {
        // The final fused residual-add norm runs over every token (read x and residual, write both); only the
        // sampled tokens go through the LM head.
        tally.AddElementwise(4 * hiddenBytes, shapes.FinalNormWeightBytes, shapes.ElementwiseSecondsPerByte, 1, 1);
        var sampled = (double)batch.SampledTokens;
        if (sampled <= 0)
        {
            return;
        }

        tally.AddGemm(shapes.LmHead, sampled, 1);
        var logits = sampled * shapes.VocabSize * LayerShapes.ActivationBytes;
        if (tp > 1)
        {
            tally.CollectiveSeconds += collectives.AllGatherSeconds(logits);
            tally.LogitsGatherBytes += logits;
        }

        var samplingBytes = sampled * shapes.VocabSize * Profile.SamplingBytesPerLogit;
        tally.ElementwiseSeconds += Profile.SamplingFixedSeconds + (samplingBytes * shapes.ElementwiseSecondsPerByte);
        tally.ActivationBytes += samplingBytes;
    }
}
