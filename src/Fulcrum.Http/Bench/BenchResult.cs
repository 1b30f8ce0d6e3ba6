using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Metrics;
using Fulcrum.Workloads;

namespace Fulcrum.Http.Bench;

/// <summary>One measured load point: the raw run, its metrics from the module the simulator uses, and what was sent.</summary>
/// <param name="Run">Per-request records and the stop reason.</param>
/// <param name="Metrics">Serving metrics over the requests that ended.</param>
/// <param name="Workload">The drawn workload the plan followed.</param>
/// <param name="Spec">The workload spec, for rate, burstiness and seed fields; null when the workload was given as a list.</param>
/// <param name="ModelName">The <c>model</c> field sent.</param>
public sealed record BenchResult(LoadRun Run, ServingMetrics Metrics, Workload Workload, WorkloadSpec? Spec, string ModelName)
{
    /// <summary>The client's garbage collections during the run; null when not tracked.</summary>
    public ClientGcActivity? ClientGc { get; init; }

    /// <summary>Failed requests per error kind, every kind present (zero when none).</summary>
    public IReadOnlyDictionary<ErrorKind, int> ErrorsByKind
    {
        get
        {
            var counts = Enum.GetValues<ErrorKind>().ToDictionary(k => k, _ => 0);
            foreach (var record in Run.Records)
            {
                if (record.Error is { } kind)
                {
                    counts[kind]++;
                }
            }

            return counts;
        }
    }
}
