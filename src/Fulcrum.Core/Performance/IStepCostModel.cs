namespace Fulcrum.Performance;

/// <summary>Prices engine steps of one deployment replica, stage by stage. The simulator depends only on this.</summary>
public interface IStepCostModel
{
    /// <summary>Pipeline stages of the replica (PP).</summary>
    int Stages { get; }

    /// <summary>
    /// Time of <paramref name="batch"/> on <paramref name="stage"/>: its layers, TP collectives, and the embedding,
    /// LM head, sampling and fixed overheads where the stage has them. Excludes the transfer to the next stage.
    /// </summary>
    StepCost PriceStage(in StepBatch batch, int stage);

    /// <summary>Time to send the batch's activations from <paramref name="stage"/> to the next one; 0 for the last stage.</summary>
    double TransferSeconds(in StepBatch batch, int stage);
}
