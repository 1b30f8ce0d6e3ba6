namespace Fulcrum.Specs.Hardware;

/// <summary>Scale-out network between nodes, per GPU.</summary>
public sealed record NetworkSpec
{
    /// <summary>NIC bandwidth per GPU per direction, bytes/s.</summary>
    public required double NicBandwidthBytesPerSecond { get; init; }

    /// <summary>Per-message latency, seconds.</summary>
    public required double LatencySeconds { get; init; }
}
