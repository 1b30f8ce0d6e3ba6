namespace Fulcrum.Metrics;

/// <summary>
/// Computes every client-side serving metric from per-request timelines and the run's token log. Definitions are
/// in docs/METRICS.md; they follow <c>vllm bench serve</c> where it has the same metric. Latency statistics
/// cover completed requests only.
/// </summary>
public static class MetricsCalculator
{
    /// <param name="requests">Every request of the run, any outcome.</param>
    /// <param name="tokens">Inter-token gaps and per-second output counts of the completed requests.</param>
    /// <param name="gpus">GPUs serving the run, for per-GPU rates; null when unknown.</param>
    /// <param name="slo">Goodput objectives; null for no goodput.</param>
    /// <param name="hasClientCap">Whether a client concurrency cap was set, so client queue time is meaningful.</param>
    public static ServingMetrics Compute(IReadOnlyList<RequestTimeline> requests, TokenLog tokens, int? gpus, SloThresholds? slo, bool hasClientCap)
    {
        var completed = 0;
        var rejected = 0;
        long input = 0;
        long output = 0;
        var good = 0;
        var duration = 0.0;
        foreach (var r in requests)
        {
            duration = Math.Max(duration, r.EndSeconds);
            if (r.Outcome == RequestOutcome.Rejected)
            {
                rejected++;
            }

            if (!r.IsCompleted)
            {
                continue;
            }

            completed++;
            input += r.InputTokens;
            output += r.OutputTokens;
            if (slo is not null && slo.IsMetBy(r))
            {
                good++;
            }
        }

        double? PerSecond(double count) => duration > 0 ? count / duration : null;
        double? PerGpu(double? rate) => gpus is > 0 ? rate / gpus : null;
        var requestRate = PerSecond(completed);
        var outputRate = PerSecond(output);
        var totalRate = PerSecond(input + output);
        var values = new double[completed];
        return new ServingMetrics
        {
            Requests = requests.Count,
            Completed = completed,
            Failed = requests.Count - completed,
            Rejected = rejected,
            DurationSeconds = duration,
            TotalInputTokens = input,
            TotalOutputTokens = output,
            RequestThroughput = requestRate,
            RequestGoodput = slo is null ? null : PerSecond(good),
            OutputThroughput = outputRate,
            TotalTokenThroughput = totalRate,
            Gpus = gpus,
            RequestThroughputPerGpu = PerGpu(requestRate),
            OutputThroughputPerGpu = PerGpu(outputRate),
            TotalTokenThroughputPerGpu = PerGpu(totalRate),
            OutputTokensPerSecondPerUser = MeanInverseTpot(requests),
            MaxOutputTokensPerSecond = tokens.MaxTokensInOneSecond,
            MaxConcurrentRequests = completed == 0 ? null : MaxConcurrent(requests),
            Ttft = Summarize(requests, values, r => r.Ttft),
            Tpot = Summarize(requests, values, r => r.Tpot),
            Itl = tokens.InterTokenLatencies.Summarize(),
            E2el = Summarize(requests, values, r => r.E2el),
            QueueingDelay = Summarize(requests, values, r => r.QueueingDelay),
            ClientQueueTime = hasClientCap ? Summarize(requests, values, r => r.ClientQueueTime) : null,
            Slo = slo,
        };
    }

    /// <summary>Summarises one metric over the completed requests that have it, reusing <paramref name="buffer"/>.</summary>
    private static LatencySummary? Summarize(IReadOnlyList<RequestTimeline> requests, double[] buffer, Func<RequestTimeline, double?> metric)
    {
        var n = 0;
        foreach (var r in requests)
        {
            if (r.IsCompleted && metric(r) is { } value)
            {
                buffer[n++] = value;
            }
        }

        return LatencySummary.Of(buffer.AsSpan(0, n));
    }

    private static double? MeanInverseTpot(IReadOnlyList<RequestTimeline> requests)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var r in requests)
        {
            if (r.IsCompleted && r.Tpot is > 0 and var tpot)
            {
                sum += 1.0 / tpot;
                n++;
            }
        }

        return n == 0 ? null : sum / n;
    }

    /// <summary>Peak number of completed requests in flight, over half-open [arrival, end) intervals.</summary>
    private static int MaxConcurrent(IReadOnlyList<RequestTimeline> requests)
    {
        var events = new List<(double Time, int Delta)>();
        foreach (var r in requests)
        {
            if (r.IsCompleted)
            {
                events.Add((r.ArrivalSeconds, 1));
                events.Add((r.EndSeconds, -1));
            }
        }

        // At equal times an end sorts before an arrival, so back-to-back requests do not overlap.
        events.Sort();
        var current = 0;
        var max = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }
}
