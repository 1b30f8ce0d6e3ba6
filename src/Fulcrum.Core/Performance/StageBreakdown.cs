namespace Fulcrum.Performance;

/// <summary>
/// One pipeline stage's share of a step: its time by category, with the send to the next stage filed under
/// point-to-point, and the work behind it on one GPU.
/// </summary>
/// <param name="Stage">Stage index, from 0.</param>
/// <param name="Layers">Transformer layers on the stage.</param>
/// <param name="Cost">Stage time including the transfer to the next stage.</param>
/// <param name="Work">FLOPs, bytes and communication of one GPU of the stage.</param>
/// <param name="TransferBytes">Bytes each GPU sends to the next stage; 0 on the last stage.</param>
/// <param name="TransferCrossesNodes">Whether that send leaves the node.</param>
public sealed record StageBreakdown(int Stage, int Layers, StepCost Cost, StepWork Work, double TransferBytes, bool TransferCrossesNodes);
