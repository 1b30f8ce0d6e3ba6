namespace Fulcrum.Validation;

/// <summary>
/// How a measured value aggregates. Throughputs and whole-batch latencies are <see cref="Aggregate"/>; latencies of
/// single requests are a mean, median or percentile over the run's requests (or tokens, for ITL).
/// </summary>
public enum ValidationStatistic
{
    Aggregate,
    Mean,
    Median,
    P90,
    P99,
}
