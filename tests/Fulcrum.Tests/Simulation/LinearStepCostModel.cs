using Fulcrum.Performance;

namespace Fulcrum.Tests.Simulation;

/// <summary>
/// Test double of the step-cost model with hand-checkable times: each stage of a step takes
/// <see cref="FixedSeconds"/> + <see cref="PerTokenSeconds"/> × new tokens + <see cref="PerContextTokenSeconds"/> ×
/// (decode context plus prefill prefix), booked as overhead, GEMM compute and attention; transfers between stages
/// take <see cref="TransferSecondsEach"/>.
/// </summary>
internal sealed class LinearStepCostModel : IStepCostModel
{
    public int Stages { get; init; } = 1;

    public double FixedSeconds { get; init; } = 0.010;

    public double PerTokenSeconds { get; init; } = 0.0001;

    public double PerContextTokenSeconds { get; init; }

    public double TransferSecondsEach { get; init; }

    public long PricedSteps { get; private set; }

    public StepCost PriceStage(in StepBatch batch, int stage)
    {
        PricedSteps++;
        return new StepCost
        {
            OverheadSeconds = FixedSeconds,
            GemmComputeSeconds = PerTokenSeconds * batch.Tokens,
            AttentionSeconds = PerContextTokenSeconds * (batch.DecodeContextSum + batch.PrefillPrefixSum),
        };
    }

    public double TransferSeconds(in StepBatch batch, int stage) => stage < Stages - 1 ? TransferSecondsEach : 0;

    /// <summary>Seconds of one stage for a step of <paramref name="tokens"/> new tokens and no cached context.</summary>
    public double StageSeconds(long tokens) => FixedSeconds + (PerTokenSeconds * tokens);
}
