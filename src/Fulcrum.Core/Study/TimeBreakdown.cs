using Fulcrum.Performance;

namespace Fulcrum.Study;

/// <summary>
/// GPU time of one run by step-cost category, split between steps that contain prompt tokens (prefill, including
/// mixed steps of chunked prefill) and decode-only steps, plus the pipeline bubbles, in stage-seconds summed over
/// every stage of every replica. Each stage-second is either busy or a bubble, so the groups partition
/// <see cref="TotalSeconds"/>. Sends between pipeline stages (the point-to-point time of <see cref="Prefill"/> and
/// <see cref="Decode"/>) are not stage time of their own: the stages wait for the activations, and that wait is in
/// <see cref="BubbleSeconds"/>.
/// </summary>
public readonly record struct TimeBreakdown(StepCost Prefill, StepCost Decode, double BubbleSeconds)
{
    /// <summary>All stage-seconds: the stages' busy time in both phases plus the bubbles.</summary>
    public double TotalSeconds => StageSeconds(Prefill) + StageSeconds(Decode) + BubbleSeconds;

    /// <summary>Seconds of sends between pipeline stages, which the bubbles include as waiting time.</summary>
    public double TransferSeconds => Prefill.PointToPointSeconds + Decode.PointToPointSeconds;

    /// <summary>Stage-seconds of <paramref name="bottleneck"/>'s group.</summary>
    public double Seconds(Bottleneck bottleneck) => bottleneck switch
    {
        Bottleneck.PrefillCompute => Prefill.GemmComputeSeconds + Prefill.AttentionSeconds,
        Bottleneck.DecodeCompute => Decode.GemmComputeSeconds,
        Bottleneck.MemoryBandwidth => Prefill.GemmMemorySeconds + Prefill.ElementwiseSeconds
            + Decode.GemmMemorySeconds + Decode.AttentionSeconds + Decode.ElementwiseSeconds,
        Bottleneck.Collectives => Prefill.CollectiveSeconds + Decode.CollectiveSeconds,
        Bottleneck.PipelineBubbles => BubbleSeconds,
        Bottleneck.StepOverhead => Prefill.OverheadSeconds + Decode.OverheadSeconds,
        _ => throw new ArgumentOutOfRangeException(nameof(bottleneck), bottleneck, null),
    };

    /// <summary>Fraction of <see cref="TotalSeconds"/> in <paramref name="bottleneck"/>'s group; null when no time was spent.</summary>
    public double? Share(Bottleneck bottleneck) => TotalSeconds > 0 ? Seconds(bottleneck) / TotalSeconds : null;

    /// <summary>The group with the most time (the first in enum order on a tie); null when no time was spent.</summary>
    public Bottleneck? Dominant
    {
        get
        {
            if (!(TotalSeconds > 0))
            {
                return null;
            }

            var best = Bottleneck.PrefillCompute;
            foreach (var b in Bottlenecks.All)
            {
                if (Seconds(b) > Seconds(best))
                {
                    best = b;
                }
            }

            return best;
        }
    }

    private static double StageSeconds(StepCost cost) => cost.TotalSeconds - cost.PointToPointSeconds;
}
