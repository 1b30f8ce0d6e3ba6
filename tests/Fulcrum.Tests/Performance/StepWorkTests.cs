using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

/// <summary>FLOP and byte counts of the step-time model checked against hand arithmetic for Llama-3.1-70B.</summary>
public class StepWorkTests
{
    // Llama-3.1-70B: hidden 8192, 80 layers, 64 heads, 8 KV heads, head_dim 128, FFN 28672, vocab 128256.
    // Linear parameters per layer: Q and O 2·8192·8192 = 134,217,728; K and V 2·8192·1024 = 16,777,216;
    // gate, up and down 3·8192·28672 = 704,643,072; together 855,638,016, and 68,451,041,280 for 80 layers.
    private const long LinearParameters = 68_451_041_280;
    private const long LmHeadParameters = 1_050_673_152;   // 128256 · 8192
    private const long NormParameters = 1_318_912;         // 2 · 8192 · 80 + 8192
    private const long TotalParameters = 70_553_706_496;

    [Fact]
    public void DecodeToken_FlopsAreTwiceNonEmbeddingParameters()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 1, 1);
        var work = model.Work(StepBatch.Decode(1, 4096), 0);

        // Non-embedding parameters: 70,553,706,496 − 1,050,673,152 = 69,503,033,344. The norms' 1,318,912
        // weights are element-wise scales, not matrix multiplies, so the GEMM FLOPs are
        // 2 · (69,503,033,344 − 1,318,912) = 139,003,428,864.
        const long nonEmbedding = TotalParameters - LmHeadParameters;
        Assert.Equal(LinearParameters + LmHeadParameters + NormParameters, nonEmbedding);
        Assert.Equal(139_003_428_864, work.GemmFlops);
        Assert.Equal(2.0 * (nonEmbedding - NormParameters), work.GemmFlops);

        // Attention at context 4096: 4 · 128 · 64 heads · 80 layers · 4096 = 10,737,418,240.
        Assert.Equal(10_737_418_240, work.AttentionFlops);
    }

    [Fact]
    public void DecodeToken_FlopsSplitEvenlyOverTp()
    {
        var tp1 = Deployments.Model("Llama-3.1-70B", "MI300X", 1, 1).Work(StepBatch.Decode(1, 4096), 0);
        var tp8 = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1).Work(StepBatch.Decode(1, 4096), 0);
        Assert.Equal(tp1.GemmFlops / 8, tp8.GemmFlops);
        Assert.Equal(tp1.AttentionFlops / 8, tp8.AttentionFlops);
    }

    [Fact]
    public void BatchOneDecode_ReadsWeightsAndKvCache()
    {
        var deployment = Deployments.Make("Llama-3.1-70B", "MI300X", 8, 1);
        var work = new StepCostModel(deployment).Work(StepBatch.Decode(1, 4096), 0);

        // Per GPU at TP8: 855,638,016 / 8 = 106,954,752 linear weights · 2 bytes + two norms 2 · 8192 · 2 bytes
        // = 213,942,272 bytes a layer, 17,115,381,760 for 80 layers; LM head shard 16,032 · 8192 · 2 = 262,668,288;
        // final norm 16,384; one embedding row 16,384. The lookup reads one row, not the 262,668,288-byte table.
        Assert.Equal(17_378_082_816, work.WeightBytes);
        var stageWeights = MemoryPlanner.Plan(deployment).Stages[0].WeightsBytes;
        Assert.Equal(stageWeights - 262_668_288 + 16_384, work.WeightBytes);

        // KV cache: 4096 tokens · 2 · 80 layers · 1 KV head · 128 · 2 bytes = 167,772,160 read, one token written.
        Assert.Equal(167_772_160, work.KvCacheReadBytes);
        Assert.Equal(40_960, work.KvCacheWriteBytes);
    }

    [Fact]
    public void AllReduce_PayloadPerLayer()
    {
        var work = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1).Work(StepBatch.Decode(4, 1024), 0);

        // 4 tokens · 8192 · 2 bytes = 65,536 per all-reduce; two per layer plus one after the embedding: 161.
        Assert.Equal(161, work.AllReduces);
        Assert.Equal(161 * 65_536.0, work.AllReduceBytes);

        // The logits of the 4 sampled tokens are gathered: 4 · 128256 · 2 bytes.
        Assert.Equal(1_026_048.0, work.LogitsGatherBytes);
    }

    [Fact]
    public void NoTensorParallelism_HasNoCollectives()
    {
        var model = Deployments.Model("Llama-3.1-8B", "H100-SXM", 1, 1);
        var work = model.Work(StepBatch.Decode(8, 1024), 0);
        Assert.Equal(0, work.AllReduces);
        Assert.Equal(0, work.LogitsGatherBytes);
        Assert.Equal(0, model.PriceStage(StepBatch.Decode(8, 1024), 0).CollectiveSeconds);
    }

    [Fact]
    public void PrefillChunk_CountsCausalPairs()
    {
        var model = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1);
        var batch = default(StepBatch);
        batch.AddPrefill(1000, 3000, completesPrompt: false);

        // Pairs: 1000 · 3000 + 1000 · 1001 / 2 = 3,500,500; FLOPs per pair per layer at TP8: 4 · 128 · 8 heads.
        var work = model.Work(batch, 0);
        Assert.Equal(3_500_500.0 * 4 * 128 * 8 * 80, work.AttentionFlops);

        // The chunk reads its 3000 cached tokens and its own 1000: 4000 · 40,960 bytes.
        Assert.Equal(4000.0 * 40_960, work.KvCacheReadBytes);
        Assert.Equal(0, work.LogitsGatherBytes);
    }

    [Fact]
    public void Fp8Weights_HalveLinearBytes()
    {
        var bf16 = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1).Work(StepBatch.Decode(1, 1024), 0);
        var fp8 = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1, WeightPrecision.Fp8).Work(StepBatch.Decode(1, 1024), 0);

        // Linear weights per GPU go from 2 to 1 byte: 80 · 106,954,752 bytes less; norms, LM head and embedding stay bf16.
        Assert.Equal(80 * 106_954_752.0, bf16.WeightBytes - fp8.WeightBytes);
    }

    [Fact]
    public void Fp8KvCache_HalvesKvBytes()
    {
        var bf16 = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1).Work(StepBatch.Decode(16, 2048), 0);
        var fp8 = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1, kv: KvCachePrecision.Fp8).Work(StepBatch.Decode(16, 2048), 0);
        Assert.Equal(bf16.KvCacheReadBytes / 2, fp8.KvCacheReadBytes);
        Assert.Equal(bf16.KvCacheWriteBytes / 2, fp8.KvCacheWriteBytes);
    }
}
