using Fulcrum.Performance;

namespace Fulcrum.Study;

/// <summary>
/// Wraps a step-cost model for one simulation and sums what it prices by phase: steps with prompt tokens and
/// decode-only steps. The simulator prices each stage of each dispatched step once, so the sums equal the engine's
/// busy time split by phase. Not thread-safe: one instance per run.
/// </summary>
internal sealed class PhaseTallyingCostModel(IStepCostModel inner) : IStepCostModel
{
    private StepCost prefill;
    private StepCost decode;

    public int Stages => inner.Stages;

    public StepCost Prefill => prefill;

    public StepCost Decode => decode;

    public StepCost PriceStage(in StepBatch batch, int stage)
    {
        var cost = inner.PriceStage(batch, stage);
        if (batch.PrefillTokens > 0)
        {
            prefill += cost;
        }
        else
        {
            decode += cost;
        }

        return cost;
    }

    public double TransferSeconds(in StepBatch batch, int stage)
    {
        var seconds = inner.TransferSeconds(batch, stage);
        var transfer = new StepCost { PointToPointSeconds = seconds };
        if (batch.PrefillTokens > 0)
        {
            prefill += transfer;
        }
        else
        {
            decode += transfer;
        }

        return seconds;
    }
}
