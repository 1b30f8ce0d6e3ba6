using System.Diagnostics;
using Fulcrum.Http.Client;

namespace Fulcrum.Http.Load;

/// <summary>
/// Sends a workload on an absolute schedule: request i goes at start + offset i, measured on the
/// monotonic clock, so a late send does not push back the ones after it. An optional concurrency
/// limit keeps due requests in the client until a slot frees, in workload order.
/// </summary>
public static class LoadDriver
{
    /// <summary>
    /// Runs <paramref name="plan"/> and returns what was measured. Cancelling <paramref name="stop"/>
    /// stops sending, gives in-flight requests <see cref="LoadOptions.DrainTimeout"/> to finish,
    /// cancels the rest and returns a run marked interrupted; the same happens when failures pass
    /// <see cref="LoadOptions.MaxFailures"/>. Cancelling <paramref name="abort"/> (a second Ctrl-C) stops
    /// sending and cancels in-flight requests at once, without waiting for the drain time.
    /// Throws only for a plan whose offsets go backwards.
    /// </summary>
    public static async Task<LoadRun> RunAsync(StreamingClient client, IReadOnlyList<PlannedRequest> plan, LoadOptions options, CancellationToken stop, CancellationToken abort = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        CheckOrdered(plan);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var abortInFlight = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var abortStopsSending = abort.Register(stopSending.Cancel);
        using var slots = options.MaxConcurrency is { } limit ? new SemaphoreSlim(limit, limit) : null;
        var state = new RunState(stopSending, options.MaxFailures);
        var records = new List<RequestRecord>(plan.Count);
        var inFlight = new List<Task>(plan.Count);
        var start = Stopwatch.GetTimestamp();
        try
        {
            foreach (var planned in plan)
            {
                var due = start + (long)(planned.SendOffset.TotalSeconds * Stopwatch.Frequency);
                await WaitUntilAsync(due, stopSending.Token).ConfigureAwait(false);
                if (slots is not null)
                {
                    await slots.WaitAsync(stopSending.Token).ConfigureAwait(false);
                }

                var record = new RequestRecord(planned.Index) { ScheduledTimestamp = due, ExpectedInputTokens = planned.ExpectedInputTokens };
                records.Add(record);
                inFlight.Add(SendOneAsync(client, planned, record, slots, state, abortInFlight.Token));
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            // Stopped between sends: fall through to draining what is in flight.
        }

        var all = Task.WhenAll(inFlight);
        try
        {
            // A stop can also come after the last send, while streams are still running.
            await all.WaitAsync(stopSending.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            try
            {
                await all.WaitAsync(options.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await abortInFlight.CancelAsync().ConfigureAwait(false);
                await all.ConfigureAwait(false);
            }
        }

        var end = records.Count == 0 ? Stopwatch.GetTimestamp() : Math.Max(records.Max(r => r.EndTimestamp), start);
        var reason = state.ThresholdPassed ? StopReason.FailureThreshold
            : stop.IsCancellationRequested || abort.IsCancellationRequested ? StopReason.Interrupted
            : StopReason.Completed;
        return new LoadRun(records, plan.Count, start, end, reason);
    }

    /// <summary>
    /// Sends <paramref name="warmups"/> one after another before measuring, so connections are open and
    /// the server has compiled its kernels. Returns their records; the caller decides what failures mean.
    /// </summary>
    /// <param name="timeLimit">Limit on each warm-up request; null uses the client's request timeout.</param>
    public static async Task<IReadOnlyList<RequestRecord>> WarmUpAsync(StreamingClient client, IReadOnlyList<PlannedRequest> warmups, CancellationToken cancel, TimeSpan? timeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(warmups);
        var records = new List<RequestRecord>(warmups.Count);
        foreach (var warmup in warmups)
        {
            cancel.ThrowIfCancellationRequested();
            var record = new RequestRecord(warmup.Index) { ScheduledTimestamp = Stopwatch.GetTimestamp(), ExpectedInputTokens = warmup.ExpectedInputTokens };
            await client.SendAsync(record, warmup.Prompt, warmup.MaxTokens, cancel, timeLimit).ConfigureAwait(false);
            records.Add(record);
        }

        return records;
    }

    private static async Task SendOneAsync(StreamingClient client, PlannedRequest planned, RequestRecord record, SemaphoreSlim? slots, RunState state, CancellationToken abort)
    {
        try
        {
            await client.SendAsync(record, planned.Prompt, planned.MaxTokens, abort).ConfigureAwait(false);
        }
        finally
        {
            slots?.Release();
        }

        if (record.Status == RequestStatus.Failed)
        {
            state.CountFailure();
        }
    }

    private static async Task WaitUntilAsync(long due, CancellationToken cancel)
    {
        var remaining = due - Stopwatch.GetTimestamp();
        if (remaining > 0)
        {
            // Task.Delay wakes within about a millisecond on Linux; lateness shows up as queue time.
            await Task.Delay(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency), cancel).ConfigureAwait(false);
        }

        // The timer can also fire a fraction of a millisecond early: never send before the due time.
        while (Stopwatch.GetTimestamp() < due)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Yield();
        }

        cancel.ThrowIfCancellationRequested();
    }

    private static void CheckOrdered(IReadOnlyList<PlannedRequest> plan)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].SendOffset < TimeSpan.Zero || (i > 0 && plan[i].SendOffset < plan[i - 1].SendOffset))
            {
                throw new ArgumentException($"Send offsets must be non-negative and non-decreasing; request {plan[i].Index} is at {plan[i].SendOffset}.", nameof(plan));
            }
        }
    }

    private sealed class RunState(CancellationTokenSource stopSending, int? maxFailures)
    {
        private int _failures;
        private int _thresholdPassed;

        public bool ThresholdPassed => Volatile.Read(ref _thresholdPassed) == 1;

        public void CountFailure()
        {
            var failures = Interlocked.Increment(ref _failures);
            if (maxFailures is { } max && failures > max && Interlocked.Exchange(ref _thresholdPassed, 1) == 0)
            {
                stopSending.Cancel();
            }
        }
    }
}
