namespace Fulcrum.Performance;

/// <summary>
/// Every stage of one step, and the step's time through the whole pipeline when one batch passes every stage
/// in turn (no micro-batch overlap): the sum of the stage times and transfers.
/// </summary>
public sealed record StepBreakdown(StepBatch Batch, IReadOnlyList<StageBreakdown> Stages)
{
    /// <summary>Sum over stages, transfers included.</summary>
    public StepCost Total => Stages.Aggregate(default(StepCost), (sum, s) => sum + s.Cost);

    /// <summary>The slowest stage's time: the interval between steps when the pipeline is kept full.</summary>
    public double BottleneckStageSeconds => Stages.Max(s => s.Cost.TotalSeconds);

    /// <summary>Prices <paramref name="batch"/> on every stage of <paramref name="model"/>.</summary>
    public static StepBreakdown Of(StepCostModel model, in StepBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stages = new List<StageBreakdown>(model.Stages);
        for (var s = 0; s < model.Stages; s++)
        {
            var transfer = model.TransferSeconds(batch, s);
            var cost = model.PriceStage(batch, s) with { PointToPointSeconds = transfer };
            var last = s == model.Stages - 1;
            stages.Add(new StageBreakdown(s, model.LayersOn(s), cost, model.Work(batch, s), last ? 0 : model.TransferBytes(batch), !last && model.TransferCrossesNodes(s)));
        }

        return new StepBreakdown(batch, stages);
    }
}
