using Fulcrum.Performance;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class StaticBatchTimingTests
{
    [Fact]
    public void Run_SumsPrefillChunksAndDecodeSteps()
    {
        // A stage that costs 1 ms per step plus 1 µs per token, plus 1 µs per 1,000 context tokens of decodes,
        // with a 0.5 ms transfer after the first of two stages.
        var model = new LinearModel();
        var timing = StaticBatchTiming.Run(model, batch: 3, isl: 5000, osl: 4, maxBatchedTokens: 8192, maxSequences: 256);

        // Prefill: 15,000 tokens in steps of 8192 and 6808. Step 1 has prompt 1 (5000) and 3192 of prompt 2;
        // step 2 has the other 1808 of prompt 2 and prompt 3. Per step: 2 stages · (1 ms + tokens µs) + 0.5 ms.
        var step1 = (2 * (1e-3 + 8192e-6)) + 0.5e-3;
        var step2 = (2 * (1e-3 + 6808e-6)) + 0.5e-3;
        Assert.Equal(step1 + step2, timing.PrefillSeconds, 1e-12);

        // First tokens: prompt 1 after step 1, prompts 2 and 3 after step 2.
        Assert.Equal((step1 + (2 * (step1 + step2))) / 3, timing.MeanTimeToFirstTokenSeconds, 1e-12);

        // Decode: 3 steps of 3 tokens at contexts 5001, 5002 and 5003.
        var decode = 0.0;
        for (var k = 1; k <= 3; k++)
        {
            decode += (2 * (1e-3 + 3e-6 + (3 * (5000 + k) * 1e-9))) + 0.5e-3;
        }

        Assert.Equal(decode, timing.DecodeSeconds, 1e-12);
        Assert.Equal(timing.PrefillSeconds + timing.DecodeSeconds, timing.EndToEndSeconds);
    }

    [Fact]
    public void Run_RespectsSequenceCap()
    {
        var timing = StaticBatchTiming.Run(new LinearModel(), batch: 4, isl: 10, osl: 1, maxBatchedTokens: 8192, maxSequences: 2);

        // Two steps of two 10-token prompts each, and no decode step for one output token.
        var step = (2 * (1e-3 + 20e-6)) + 0.5e-3;
        Assert.Equal(2 * step, timing.PrefillSeconds, 1e-12);
        Assert.Equal(0, timing.DecodeSeconds);
    }

    private sealed class LinearModel : IStepCostModel
    {
        public int Stages => 2;

        public StepCost PriceStage(in StepBatch batch, int stage) => new()
        {
            OverheadSeconds = 1e-3,
            GemmComputeSeconds = batch.Tokens * 1e-6,
            AttentionSeconds = batch.DecodeContextSum * 1e-9,
        };

        public double TransferSeconds(in StepBatch batch, int stage) => stage == 0 ? 0.5e-3 : 0;
    }
}
