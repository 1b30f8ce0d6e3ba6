using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Memory;

public class MemoryPlanTests
{
    private static Deployment Make(string model, string gpu, int tp, int pp, WeightPrecision weights = WeightPrecision.Bf16, int? maxLen = null) =>
        Deployment.Create(
            ModelCatalog.Resolve(model),
            ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve(gpu)),
            tp,
            pp,
            weights: weights,
            engine: new EngineSettings { MaxModelLength = maxLen });

    [Fact]
    public void Llama70B_KvBytesPerToken()
    {
        // Whole model: 2 (K and V) · 80 layers · 8 KV heads · 128 head_dim · 2 bytes = 327,680.
        var model = ModelCatalog.Resolve("Llama-3.1-70B");
        Assert.Equal(327_680, 2L * model.NumLayers * model.KeyValueDim * 2);

        // TP=8: one KV head per GPU: 2 · 80 · 1 · 128 · 2 = 40,960.
        var d = Make("Llama-3.1-70B", "MI300X", 8, 1);
        Assert.Equal(40_960, MemoryPlanner.KvBytesPerTokenPerGpu(d, 80));
        Assert.Equal(40_960, MemoryPlanner.Plan(d).Limiting.KvBytesPerToken);
    }

    [Fact]
    public void KvHeads_ReplicatedBeyondTp()
    {
        // TP=16 over two nodes with 8 KV heads: each GPU still holds one head.
        var model = ModelCatalog.Resolve("Llama-3.1-405B");
        var cluster = ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100"), 16, 2);
        var d = Deployment.Create(model, cluster, 16, 1);
        Assert.Equal(1, d.KvHeadsPerGpu);
        Assert.True(d.TpSpansNodes);
    }

    [Fact]
    public void Llama405B_Bf16_DoesNotFitOn8xH100()
    {
        // Weights alone: about 811.7 GB / 8 = 101.5 GB per GPU, over the 80 GiB · 0.9 = 77.3 GB usable.
        var plan = MemoryPlanner.Plan(Make("Llama-3.1-405B", "H100-SXM", 8, 1, maxLen: 8192));
        Assert.False(plan.Fits);
        Assert.Contains("weights need", plan.FailureReason, StringComparison.Ordinal);
        Assert.True(plan.Limiting.WeightsBytes > 101_000_000_000);
    }

    [Fact]
    public void Llama405B_Bf16_FitsOn8xMi300x()
    {
        var plan = MemoryPlanner.Plan(Make("Llama-3.1-405B", "MI300X", 8, 1));
        Assert.True(plan.Fits, plan.FailureReason);
        Assert.True(plan.KvCacheTokens >= 131_072);
    }

    [Fact]
    public void Llama405B_Fp8_FitsOn8xH100()
    {
        // Linear weights 401.65 G · 1 byte + embedding and LM head 4.2 G · 2 bytes = 410.1 GB / 8 = 51.3 GB per GPU.
        var plan = MemoryPlanner.Plan(Make("Llama-3.1-405B", "H100-SXM", 8, 1, WeightPrecision.Fp8, maxLen: 8192));
        Assert.True(plan.Fits, plan.FailureReason);
        Assert.InRange(plan.Limiting.WeightsBytes, 51_000_000_000, 51_600_000_000);
    }

    [Fact]
    public void Weights_ExactForTp8Pp1()
    {
        // Per GPU at TP=8, bf16: 80 layers · (855,654,400 − 16,384 norms) / 8 · 2 bytes + 80 · 16,384 · 2 (norms replicated)
        // + embedding and LM head 1,050,673,152 / 8 · 2 each + final norm 8,192 · 2.
        var plan = MemoryPlanner.Plan(Make("Llama-3.1-70B", "MI300X", 8, 1));
        var expected = (80L * (855_654_400 - 16_384) / 8 * 2) + (80L * 16_384 * 2) + (2L * 1_050_673_152 / 8 * 2) + (8_192 * 2);
        Assert.Equal(expected, plan.Limiting.WeightsBytes);
    }

    [Fact]
    public void LayerSplit_RemainderBeforeLastStage()
    {
        Assert.Equal([42, 42, 42], Deployment.SplitLayers(126, 3));
        Assert.Equal([31, 32, 32, 31], Deployment.SplitLayers(126, 4));
        Assert.Equal(126, Deployment.SplitLayers(126, 8).Sum());
    }

    [Fact]
    public void MaxSequences_CountsWholeBlocks()
    {
        var plan = MemoryPlanner.Plan(Make("Llama-3.1-70B", "MI300X", 8, 1, maxLen: 8192));
        Assert.Equal(plan.KvCacheBlocks / 512, plan.MaxSequencesAt(8192));
        Assert.Equal(plan.KvCacheBlocks / 513, plan.MaxSequencesAt(8193));
    }

    [Fact]
    public void Fit_ListsEverySplitOfEightGpus()
    {
        var rows = FitAnalyzer.Analyze(
            ModelCatalog.Resolve("Llama-3.1-405B"),
            ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
            WeightPrecision.Bf16,
            KvCachePrecision.Bf16,
            new EngineSettings());
        Assert.Equal(10, rows.Count);
        Assert.True(rows.Single(r => r.Split == new Split(8, 1, 1)).Fits);
        Assert.False(rows.Single(r => r.Split == new Split(1, 1, 8)).Fits);
    }
}
