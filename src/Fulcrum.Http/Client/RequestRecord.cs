using System.Diagnostics;
using Fulcrum.Metrics;

namespace Fulcrum.Http.Client;

/// <summary>
/// Everything measured about one benchmark request. Times are <see cref="Stopwatch.GetTimestamp"/>
/// ticks (monotonic); <see cref="ToTimeline"/> turns them into the metrics module's seconds.
/// </summary>
public sealed class RequestRecord
{
    private static readonly long[] NoTimes = [];

    public RequestRecord(int index)
    {
        Index = index;
    }

    /// <summary>Position of the request in the workload.</summary>
    public int Index { get; }

    /// <summary>The X-Request-Id the client sent, which servers such as vLLM log and echo; null before sending.</summary>
    public string? RequestId { get; set; }

    /// <summary>
    /// Whether the request went out a second time on a new connection, because the reused connection it was
    /// first sent on closed before any response byte arrived (the server had closed it while idle).
    /// </summary>
    public bool Resent { get; set; }

    /// <summary>When the schedule wanted the request sent.</summary>
    public long ScheduledTimestamp { get; set; }

    /// <summary>When the request left the client, after waiting for a concurrency slot.</summary>
    public long SendTimestamp { get; set; }

    /// <summary>When the first chunk with generated text arrived; null when none did.</summary>
    public long? FirstTokenTimestamp { get; set; }

    /// <summary>When the stream ended, failed or was cancelled; 0 while pending.</summary>
    public long EndTimestamp { get; set; }

    /// <summary>Each output token's time; a multi-token chunk's tokens share out the gap before it.</summary>
    public IReadOnlyList<long> TokenTimestamps { get; set; } = NoTimes;

    /// <summary>Chunks that carried generated text.</summary>
    public int TextChunks { get; set; }

    /// <summary>Whether some chunk carried several tokens whose times were spread over its gap.</summary>
    public bool MultiTokenChunks { get; set; }

    /// <summary>Prompt tokens the client expected (prompt generator or tokenizer), null when unknown.</summary>
    public int? ExpectedInputTokens { get; set; }

    /// <summary>The <c>max_tokens</c> sent, null when the server chose.</summary>
    public int? RequestedOutputTokens { get; set; }

    /// <summary>The server's <c>usage.prompt_tokens</c>; null when it sent no usage.</summary>
    public int? InputTokens { get; set; }

    /// <summary>Output tokens, from <see cref="OutputTokenSource"/>; null when nothing was generated.</summary>
    public int? OutputTokens { get; set; }

    public TokenCountSource OutputTokenSource { get; set; } = TokenCountSource.Chunks;

    /// <summary>Whether <see cref="OutputTokens"/> is an estimate because the server sent no usage.</summary>
    public bool OutputTokensApproximate => OutputTokenSource != TokenCountSource.Usage;

    /// <summary>HTTP status of the response; null when none arrived.</summary>
    public int? HttpStatus { get; set; }

    public RequestStatus Status { get; set; } = RequestStatus.Pending;

    /// <summary>How the request failed; null unless <see cref="Status"/> is Failed.</summary>
    public ErrorKind? Error { get; set; }

    /// <summary>The failure's description, with the server's own message where it sent one.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Seconds the request waited in the client (late dispatch and concurrency slot) before it was sent.</summary>
    public double QueuedSeconds => Stopwatch.GetElapsedTime(ScheduledTimestamp, SendTimestamp).TotalSeconds;

    /// <summary>Marks the request failed with <paramref name="kind"/> at <paramref name="now"/>.</summary>
    public void Fail(ErrorKind kind, string message, long now)
    {
        Status = RequestStatus.Failed;
        Error = kind;
        ErrorMessage = message;
        EndTimestamp = now;
    }

    /// <summary>
    /// Converts the record to the metrics module's timeline, in seconds from <paramref name="runStartTimestamp"/>:
    /// the same input the simulator produces. Null for a request still pending or cancelled by a stop,
    /// because it carries no information about the server.
    /// </summary>
    public RequestTimeline? ToTimeline(long runStartTimestamp)
    {
        if (Status is RequestStatus.Pending or RequestStatus.Cancelled)
        {
            return null;
        }

        // NOTE: the timeline needs an input count. A request without server usage and without a
        // client-side length (prompt file, no tokenizer) adds 0 input tokens to the throughput totals.
        return new RequestTimeline(
            ScheduledSeconds: Seconds(runStartTimestamp, ScheduledTimestamp),
            ArrivalSeconds: Seconds(runStartTimestamp, SendTimestamp),
            StartSeconds: null,
            FirstTokenSeconds: FirstTokenTimestamp is { } first ? Seconds(runStartTimestamp, first) : null,
            EndSeconds: Seconds(runStartTimestamp, EndTimestamp),
            InputTokens: InputTokens ?? ExpectedInputTokens ?? 0,
            OutputTokens: OutputTokens ?? 0,
            Status == RequestStatus.Succeeded ? RequestOutcome.Completed : RequestOutcome.Failed);
    }

    /// <summary>Adds a succeeded request's token times and inter-token gaps to <paramref name="log"/>.</summary>
    public void AddTokensTo(TokenLog log, long runStartTimestamp)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Status != RequestStatus.Succeeded)
        {
            return;
        }

        for (var i = 0; i < TokenTimestamps.Count; i++)
        {
            log.RecordTokens(Seconds(runStartTimestamp, TokenTimestamps[i]), 1);
            if (i > 0)
            {
                log.RecordGaps(Seconds(TokenTimestamps[i - 1], TokenTimestamps[i]));
            }
        }
    }

    private static double Seconds(long start, long at) => Stopwatch.GetElapsedTime(start, at).TotalSeconds;
}
