using Fulcrum.Metrics;

namespace Fulcrum.Simulation;

/// <summary>Receives what an <see cref="OnlineSimulator"/> produces, on the thread that advances it.</summary>
public interface IOnlineSimulationListener
{
    /// <summary>Request <paramref name="requestId"/> sampled its <paramref name="generated"/>-th output token at <paramref name="timeSeconds"/>.</summary>
    void OnToken(int requestId, int generated, double timeSeconds);

    /// <summary>
    /// Request <paramref name="requestId"/> completed or was rejected at <paramref name="timeSeconds"/>. Its id may be
    /// given to a new request after this returns.
    /// </summary>
    void OnEnded(int requestId, RequestOutcome outcome, double timeSeconds);
}
