using Fulcrum.Metrics;
using Fulcrum.Simulation;

namespace Fulcrum.Tests.Simulation;

/// <summary>Records every token and end an online simulation reports, by request id.</summary>
internal sealed class RecordingListener : IOnlineSimulationListener
{
    public Dictionary<int, List<(int Generated, double Time)>> Tokens { get; } = [];

    public Dictionary<int, (RequestOutcome Outcome, double Time)> Ends { get; } = [];

    public void OnToken(int requestId, int generated, double timeSeconds)
    {
        if (!Tokens.TryGetValue(requestId, out var list))
        {
            Tokens[requestId] = list = [];
        }

        list.Add((generated, timeSeconds));
    }

    public void OnEnded(int requestId, RequestOutcome outcome, double timeSeconds) => Ends[requestId] = (outcome, timeSeconds);
}
