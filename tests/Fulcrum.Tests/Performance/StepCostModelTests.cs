using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

/// <summary>Times of the step-time model: bounds, scaling with batch, context, TP and PP.</summary>
public class StepCostModelTests
{
    [Fact]
    public void BatchOneDecode_AboveWeightReadFloor()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1);
        var batch = StepBatch.Decode(1, 4096);
        var cost = model.PriceStage(batch, 0);

        // 17,378,082,816 weight bytes at the 5.3 TB/s peak take 3.279 ms; achieved bandwidth is lower still.
        var floor = model.Work(batch, 0).WeightBytes / 5.3e12;
        Assert.Equal(3.279e-3, floor, 1e-6);
        Assert.True(cost.TotalSeconds >= floor);
        Assert.True(cost.GemmMemorySeconds >= floor * 0.95);
        Assert.Equal(0, cost.GemmComputeSeconds);
        Assert.Equal(Bound.MemoryBandwidth, cost.DominantBound);
    }

    [Fact]
    public void BatchOneDecode_GemmMemoryTime()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1);
        var cost = model.PriceStage(StepBatch.Decode(1, 4096), 0);

        // Each GEMM at M = 1 reads its weights and biases plus one input and one output row at
        // 5.3 TB/s · 0.8 = 4.24 TB/s. Per layer: weights 106,954,752 · 2 bytes; activation rows
        // (8192 + 1280) + (1024 + 8192) + (8192 + 7168) + (3584 + 8192) elements · 2 bytes = 91,648 bytes.
        // LM head: 262,668,288 + (8192 + 16,032) · 2 bytes.
        var layers = 80 * ((106_954_752 * 2.0) + 91_648);
        var head = 262_668_288 + ((8192 + 16_032) * 2.0);
        Assert.Equal((layers + head) / 4.24e12, cost.GemmMemorySeconds, 1e-9);
    }

    [Fact]
    public void LongPrefill_GemmsAreComputeBound()
    {
        var model = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1);
        var batch = default(StepBatch);
        batch.AddPrefill(8192, 0, completesPrompt: false);
        var cost = model.PriceStage(batch, 0);

        // 8,192 tokens: every layer GEMM's FLOP time exceeds its byte time, and no LM head runs.
        Assert.True(cost.GemmComputeSeconds > 0);
        Assert.Equal(0, cost.GemmMemorySeconds);
        Assert.Equal(Bound.Compute, cost.DominantBound);

        // QKV per GPU: 2 · 8192 · 1280 · 8192 FLOPs at 989 TFLOPS · 0.803 · 8192 / (8192 + 64).
        var qkv = 2.0 * 8192 * 1280 * 8192 / (989e12 * 0.803 * 8192 / (8192 + 64));
        var all = qkv * (1280 + 8192 * 1024 / 8192.0 + 7168 + 8192 * 3584 / 8192.0) / 1280;
        Assert.Equal(80 * all, cost.GemmComputeSeconds, 1e-6);
    }

    [Fact]
    public void StepTime_GrowsWithBatch()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1, WeightPrecision.Fp8);
        var previous = 0.0;
        foreach (var sequences in new[] { 1, 2, 8, 32, 64, 128, 256, 512 })
        {
            var seconds = model.PriceStage(StepBatch.Decode(sequences, 2048), 0).TotalSeconds;
            Assert.True(seconds > previous, $"{sequences} sequences: {seconds} s is not above {previous} s");
            previous = seconds;
        }
    }

    [Fact]
    public void StepTime_GrowsWithContext()
    {
        var model = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1);
        var previous = 0.0;
        foreach (var context in new[] { 128, 1024, 4096, 16384, 65536 })
        {
            var cost = model.PriceStage(StepBatch.Decode(32, context), 0);
            Assert.True(cost.TotalSeconds > previous, $"context {context}: {cost.TotalSeconds} s is not above {previous} s");
            previous = cost.TotalSeconds;
        }
    }

    [Fact]
    public void DoublingTp_HalvesGemmWork()
    {
        var batch = StepBatch.Decode(64, 2048);
        var tp4 = Deployments.Model("Llama-3.1-70B", "H100-SXM", 4, 1);
        var tp8 = Deployments.Model("Llama-3.1-70B", "H100-SXM", 8, 1);
        Assert.Equal(tp4.Work(batch, 0).GemmFlops / 2, tp8.Work(batch, 0).GemmFlops);
        Assert.True(tp8.PriceStage(batch, 0).CollectiveSeconds > tp4.PriceStage(batch, 0).CollectiveSeconds);

        var tp1 = Deployments.Model("Llama-3.1-70B", "MI300X", 1, 1);
        var tp2 = Deployments.Model("Llama-3.1-70B", "MI300X", 2, 1);
        Assert.Equal(tp1.Work(batch, 0).GemmFlops / 2, tp2.Work(batch, 0).GemmFlops);
        Assert.Equal(0, tp1.PriceStage(batch, 0).CollectiveSeconds);
        Assert.True(tp2.PriceStage(batch, 0).CollectiveSeconds > 0);
    }

    [Fact]
    public void PipelineOfTwo_AddsOneTransfer()
    {
        var batch = StepBatch.Decode(32, 2048);
        var pp1 = Deployments.Model("Llama-3.1-70B", "MI300X", 4, 1);
        var pp2 = Deployments.Model("Llama-3.1-70B", "MI300X", 4, 2);
        Assert.Equal(2, pp2.Stages);
        Assert.Equal(40, pp2.LayersOn(0));
        Assert.Equal(40, pp2.LayersOn(1));

        // Layer FLOPs split in half; the LM head (32 · 2 · 32,064 · 8192 FLOPs per GPU) stays on the last stage.
        var head = 32 * 2.0 * 32_064 * 8192;
        Assert.Equal(pp1.Work(batch, 0).GemmFlops - head, 2 * pp2.Work(batch, 0).GemmFlops);
        Assert.Equal(pp2.Work(batch, 0).GemmFlops + head, pp2.Work(batch, 1).GemmFlops);

        // One transfer of hidden states and residual (2 · 32 · 8192 · 2 bytes) crosses one 64 GB/s xGMI link at 0.8
        // after one 7 µs step. Nothing leaves the last stage.
        Assert.Equal(7e-6 + (1_048_576 / (64e9 * 0.8)), pp2.TransferSeconds(batch, 0), 1e-12);
        Assert.Equal(0, pp2.TransferSeconds(batch, 1));
        Assert.Equal(0, pp1.TransferSeconds(batch, 0));
    }

    [Fact]
    public void PipelineAcrossNodes_SendsOverNetwork()
    {
        var deployment = Deployments.Make("Llama-3.1-70B", "H100-SXM", 8, 2, gpus: 16, nodes: 2);
        var model = new StepCostModel(deployment);
        var batch = StepBatch.Decode(8, 1024);
        Assert.True(model.TransferCrossesNodes(0));

        // 2 · 8 · 8192 · 2 = 262,144 bytes over a 50 GB/s NIC at 0.8, after 7 µs plus the 5 µs network latency.
        Assert.Equal(12e-6 + (262_144 / (50e9 * 0.8)), model.TransferSeconds(batch, 0), 1e-12);
    }

    [Fact]
    public void MixedStep_CostsLessThanSeparateSteps()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1);
        var mixed = StepBatch.Decode(64, 2048);
        mixed.AddPrefill(2048, 0, completesPrompt: true);
        var prefill = StepBatch.Prefill(1, 2048);
        var separate = model.PriceStage(StepBatch.Decode(64, 2048), 0).TotalSeconds + model.PriceStage(prefill, 0).TotalSeconds;
        var together = model.PriceStage(mixed, 0).TotalSeconds;

        // One step reads the weights once and pays the fixed costs once.
        Assert.True(together < separate);
        Assert.True(together > model.PriceStage(prefill, 0).TotalSeconds);
    }

    [Fact]
    public void DecodeWithinGraphLimit_PaysNoEagerLaunch()
    {
        var profile = HardwareProfiles.For(HardwareCatalog.BuiltIn.Resolve("H100-SXM"));
        var model = Deployments.Model("Llama-3.1-8B", "H100-SXM", 1, 1);
        var batch = StepBatch.Decode(1, 128);
        var cost = model.PriceStage(batch, 0);
        var kernels = model.Work(batch, 0).Kernels;

        // Graph replay: 3 µs per kernel plus the CPU step cost (400 µs + 4 µs per sequence).
        Assert.Equal((kernels * profile.KernelGraphOverheadSeconds) + 404e-6, cost.OverheadSeconds, 1e-12);

        // Above the largest captured batch the same decode launches eagerly and costs more.
        var large = model.PriceStage(StepBatch.Decode(profile.GraphMaxTokens + 1, 128), 0);
        var justBelow = model.PriceStage(StepBatch.Decode(profile.GraphMaxTokens, 128), 0);
        Assert.True(large.OverheadSeconds >= justBelow.OverheadSeconds);
    }

    [Fact]
    public void EmptyBatch_CostsNothing()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1);
        Assert.Equal(0, model.PriceStage(default, 0).TotalSeconds);
        Assert.Equal(0, model.TransferSeconds(default, 0));
    }

    [Fact]
    public void StageOutOfRange_Throws()
    {
        var model = Deployments.Model("Llama-3.1-70B", "MI300X", 4, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.PriceStage(StepBatch.Decode(1, 10), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.TransferSeconds(StepBatch.Decode(1, 10), -1));
    }
}
