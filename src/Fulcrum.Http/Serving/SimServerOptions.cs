using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Http.Serving;

/// <summary>What <see cref="SimServer"/> serves and where.</summary>
public sealed record SimServerOptions
{
    public required Deployment Deployment { get; init; }

    public required IStepCostModel CostModel { get; init; }

    public RouterPolicy Router { get; init; } = RouterPolicy.RoundRobin;

    /// <summary>The model id clients send and <c>/v1/models</c> lists; null uses the model's catalog name.</summary>
    public string? ServedModelName { get; init; }

    /// <summary>Address to bind; loopback by default so nothing outside the machine reaches the server.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it from <see cref="SimServer.Address"/>).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>Faults injected into random fractions of requests, checked in order.</summary>
    public IReadOnlyList<FaultRate> FaultRates { get; init; } = [];

    /// <summary>Seed of the fault draws.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// File to write, when the server stops, the time each streamed token was flushed to its connection
    /// (JSON lines, see <see cref="TokenTimesLog"/>); null records nothing.
    /// </summary>
    public string? TokenTimesPath { get; init; }

    /// <summary>KV blocks per replica; null takes the memory plan's.</summary>
    public long? KvCacheBlocks { get; init; }
}
