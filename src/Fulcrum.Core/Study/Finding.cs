namespace Fulcrum.Study;

/// <summary>What a finding is about; reports group findings by it.</summary>
public enum FindingKind
{
    /// <summary>The published trade-off (TP for latency, PP for throughput) checked against the model's results.</summary>
    TradeOff,

    /// <summary>Which split gives the lowest TTFT, the lowest TPOT and the highest throughput at an input length.</summary>
    BestSplit,

    /// <summary>The latency range a split can trade for throughput across batch sizes.</summary>
    Flexibility,

    /// <summary>Batch sizes or loads at which the preferred split changes.</summary>
    Crossover,

    /// <summary>Where each split's time goes, and where KV capacity caps the batch.</summary>
    Bottleneck,

    /// <summary>Where each split meets an SLA, and the best split under it.</summary>
    Sla,
}

/// <summary>One computed sentence of the study, with the numbers behind it written in.</summary>
public sealed record Finding(FindingKind Kind, string Text);
