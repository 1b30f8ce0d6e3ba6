using Fulcrum.Performance;

namespace Fulcrum.Validation;

/// <summary>
/// Times of one static batch of identical requests run to completion. The prompts are prefilled in steps of at
/// most max-num-batched-tokens tokens (a prompt may be split across steps). Then OSL − 1 decode steps of the
/// whole batch follow at growing context. Each step passes every pipeline stage in turn, transfers included. Decodes of
/// requests whose prompt finished early are not mixed into the remaining prefill steps, which overstates
/// the batch's time by at most a few decode steps.
/// </summary>
/// <param name="PrefillSeconds">Time of all prefill steps.</param>
/// <param name="MeanTimeToFirstTokenSeconds">Mean over requests of the end of the step that finished its prompt.</param>
/// <param name="DecodeSeconds">Time of all decode steps.</param>
public sealed record StaticBatchTiming(double PrefillSeconds, double MeanTimeToFirstTokenSeconds, double DecodeSeconds)
{
    public double EndToEndSeconds => PrefillSeconds + DecodeSeconds;

    /// <summary>Prices <paramref name="batch"/> requests of <paramref name="isl"/> prompt and <paramref name="osl"/> output tokens.</summary>
    public static StaticBatchTiming Run(IStepCostModel model, int batch, int isl, int osl, int maxBatchedTokens, int maxSequences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(isl, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(osl, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchedTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequences, 1);

        var elapsed = 0.0;
        var firstTokenSum = 0.0;
        var next = 0;
        var done = 0;
        while (next < batch)
        {
            var step = default(StepBatch);
            var budget = maxBatchedTokens;
            var finished = 0;
            while (next < batch && budget > 0 && step.Sequences < maxSequences)
            {
                var chunk = Math.Min(isl - done, budget);
                var completes = done + chunk == isl;
                step.AddPrefill(chunk, done, completes);
                budget -= chunk;
                done += chunk;
                if (completes)
                {
                    finished++;
                    next++;
                    done = 0;
                }
            }

            elapsed += StepSeconds(model, step);
            firstTokenSum += finished * elapsed;
        }

        var prefill = elapsed;
        var decode = 0.0;
        for (var k = 1; k < osl; k++)
        {
            decode += StepSeconds(model, StepBatch.Decode(batch, isl + k));
        }

        return new StaticBatchTiming(prefill, firstTokenSum / batch, decode);
    }

    private static double StepSeconds(IStepCostModel model, in StepBatch step)
    {
        var seconds = 0.0;
        for (var s = 0; s < model.Stages; s++)
        {
            seconds += model.PriceStage(step, s).TotalSeconds + model.TransferSeconds(step, s);
        }

        return seconds;
    }
}
