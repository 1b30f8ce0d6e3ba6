using Fulcrum.Performance;

namespace Fulcrum.Calibration;

/// <summary>Prices steps with an inner model and keeps every first-stage batch in call order, which is step order.</summary>
internal sealed class RecordingCostModel(IStepCostModel inner) : IStepCostModel
{
    public List<StepBatch> Batches { get; } = [];

    public int Stages => inner.Stages;

    public StepCost PriceStage(in StepBatch batch, int stage)
    {
        if (stage == 0)
        {
            Batches.Add(batch);
        }

        return inner.PriceStage(batch, stage);
    }

    public double TransferSeconds(in StepBatch batch, int stage) => inner.TransferSeconds(batch, stage);
}
