using System.Globalization;

namespace Fulcrum.Workloads;

/// <summary>A drawn workload: the requests in send order, the client's concurrency cap and a description for reports.</summary>
public sealed record Workload(IReadOnlyList<WorkloadRequest> Requests, int? MaxConcurrency, string Description)
{
    /// <summary>Wraps given requests (sorted by send time) without drawing anything; for tests and callers with their own lists.</summary>
    public static Workload Of(IReadOnlyList<WorkloadRequest> requests, int? maxConcurrency = null)
    {
        for (var i = 1; i < requests.Count; i++)
        {
            if (requests[i].ArrivalSeconds < requests[i - 1].ArrivalSeconds)
            {
                throw new ArgumentException($"Requests must be sorted by send time; request {i} comes before request {i - 1}.", nameof(requests));
            }
        }

        var cap = maxConcurrency is { } c ? $", at most {c} outstanding" : string.Empty;
        return new Workload(requests, maxConcurrency, $"{requests.Count.ToString("N0", CultureInfo.InvariantCulture)} given requests{cap}");
    }
}
