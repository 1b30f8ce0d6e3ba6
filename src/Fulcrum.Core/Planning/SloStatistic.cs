namespace Fulcrum.Planning;

/// <summary>Statistic of a latency distribution an SLO bounds.</summary>
public enum SloStatistic
{
    Mean,
    P50,
    P90,
    P95,
    P99,
}
