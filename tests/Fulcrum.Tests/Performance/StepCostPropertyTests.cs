using CsCheck;
using Fulcrum.Performance;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

/// <summary>Invariants of the step-time model over random mixed batches on several deployments.</summary>
public class StepCostPropertyTests
{
    private static readonly StepCostModel[] Models =
    [
        Deployments.Model("Llama-3.1-70B", "MI300X", 8, 1, WeightPrecision.Fp8, KvCachePrecision.Fp8),
        Deployments.Model("Llama-3.1-70B", "H100-SXM", 4, 2),
        Deployments.Model("Llama-3.1-8B", "A100-SXM-80GB", 1, 1, WeightPrecision.Fp8),
        Deployments.Model("Qwen2.5-72B", "MI355X", 2, 4, WeightPrecision.Int4),
    ];

    /// <summary>A batch description: decode contexts and prefill chunks as (tokens, prefix, completes).</summary>
    private static readonly Gen<(int Model, int[] Decodes, (int Chunk, int Prefix, bool Completes)[] Prefills)> Batches =
        Gen.Select(
            Gen.Int[0, Models.Length - 1],
            Gen.Int[1, 32_768].Array[0, 300],
            Gen.Select(Gen.Int[1, 8192], Gen.Int[0, 32_768], Gen.Bool).Array[0, 4]);

    [Fact]
    public void Costs_AreNonNegativeAndFinite()
    {
        Batches.Sample(b =>
        {
            var model = Models[b.Model];
            var batch = Build(b.Decodes, b.Prefills);
            for (var s = 0; s < model.Stages; s++)
            {
                var c = model.PriceStage(batch, s);
                double[] parts = [c.GemmComputeSeconds, c.GemmMemorySeconds, c.AttentionSeconds, c.ElementwiseSeconds, c.CollectiveSeconds, c.PointToPointSeconds, c.OverheadSeconds, model.TransferSeconds(batch, s)];
                Assert.All(parts, p => Assert.True(p >= 0 && double.IsFinite(p), $"stage {s}: {p}"));
            }
        });
    }

    [Fact]
    public void StepTime_NeverFallsWhenTokensAreAdded()
    {
        Batches.Select(Gen.Int[1, 32_768], Gen.Int[1, 4096]).Sample((b, context, chunk) =>
        {
            var model = Models[b.Model];
            var batch = Build(b.Decodes, b.Prefills);
            var withDecode = batch;
            withDecode.AddDecode(context);
            var withPrefill = batch;
            withPrefill.AddPrefill(chunk, 0, completesPrompt: true);
            for (var s = 0; s < model.Stages; s++)
            {
                var before = model.PriceStage(batch, s).TotalSeconds + model.TransferSeconds(batch, s);
                Assert.True(model.PriceStage(withDecode, s).TotalSeconds + model.TransferSeconds(withDecode, s) >= before);
                Assert.True(model.PriceStage(withPrefill, s).TotalSeconds + model.TransferSeconds(withPrefill, s) >= before);
            }
        });
    }

    [Fact]
    public void StepTime_NeverFallsWhenContextGrows()
    {
        Batches.Select(Gen.Int[1, 16_384]).Sample((b, extra) =>
        {
            var model = Models[b.Model];
            var batch = Build(b.Decodes, b.Prefills);
            var longer = Build(b.Decodes.Select(c => c + extra).ToArray(), b.Prefills.Select(p => (p.Chunk, p.Prefix + extra, p.Completes)).ToArray());
            for (var s = 0; s < model.Stages; s++)
            {
                Assert.True(model.PriceStage(longer, s).TotalSeconds >= model.PriceStage(batch, s).TotalSeconds);
            }
        });
    }

    [Fact]
    public void Breakdown_SumsToTotal()
    {
        Batches.Sample(b =>
        {
            var model = Models[b.Model];
            var batch = Build(b.Decodes, b.Prefills);
            var breakdown = StepBreakdown.Of(model, batch);
            var expected = 0.0;
            for (var s = 0; s < model.Stages; s++)
            {
                var stage = model.PriceStage(batch, s).TotalSeconds + model.TransferSeconds(batch, s);
                Assert.Equal(stage, breakdown.Stages[s].Cost.TotalSeconds, 1e-12);
                expected += stage;
            }

            var total = breakdown.Total;
            var categories = total.GemmComputeSeconds + total.GemmMemorySeconds + total.AttentionSeconds + total.ElementwiseSeconds
                + total.CollectiveSeconds + total.PointToPointSeconds + total.OverheadSeconds;
            Assert.Equal(expected, total.TotalSeconds, 1e-9);
            Assert.Equal(total.TotalSeconds, categories, 1e-12);
        });
    }

    private static StepBatch Build(int[] decodes, (int Chunk, int Prefix, bool Completes)[] prefills)
    {
        var batch = default(StepBatch);
        foreach (var context in decodes)
        {
            batch.AddDecode(context);
        }

        foreach (var (chunk, prefix, completes) in prefills)
        {
            batch.AddPrefill(chunk, prefix, completes);
        }

        return batch;
    }
}
