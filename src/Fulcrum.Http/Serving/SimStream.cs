using System.Buffers;
using System.Threading.Channels;
using Fulcrum.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>One streamed response: tokens from the engine's channel written as SSE chunks, with the request's fault applied.</summary>
internal sealed class SimStream(HttpContext context, ChunkWriter writer, ChannelReader<SimEvent> events, Fault? fault, CompletionRequest request, int maxTokens, ILogger logger, string id)
{
    private List<long>? writeTimes;
    private List<long>? flushedTimes;
    private int unstamped;

    /// <summary>Records when each token's chunk was flushed, for <c>--token-times</c>; null records nothing.</summary>
    public TokenTimesLog? TimesLog { get; init; }

    /// <summary>The id the times are recorded under: the client's X-Request-Id when it sent one.</summary>
    public string? LogId { get; init; }

    public async Task RunAsync(bool chat)
    {
        writeTimes = TimesLog is null ? null : new List<long>(maxTokens);
        flushedTimes = TimesLog is null ? null : new List<long>(maxTokens);
        try
        {
            await StreamAsync(chat).ConfigureAwait(false);
        }
        finally
        {
            if (writeTimes is not null)
            {
                TimesLog!.Add(LogId ?? id, writeTimes, flushedTimes!);
            }
        }
    }

    private async Task StreamAsync(bool chat)
    {
        var cancel = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancel).ConfigureAwait(false);
        var output = response.BodyWriter;
        var sent = 0;
        var faultAfter = fault?.Argument ?? 0;
        while (await events.WaitToReadAsync(cancel).ConfigureAwait(false))
        {
            while (events.TryRead(out var e))
            {
                if (e.Ended is { } outcome)
                {
                    if (outcome != RequestOutcome.Completed)
                    {
                        logger.LogWarning("Request {RequestId} was {Outcome} by the simulated engine", id, outcome);
                        ChunkWriter.WriteErrorEvent(output, $"the simulated engine {CompletionHandler.Describe(outcome)} the request", "ServiceUnavailableError", 503);
                        ChunkWriter.WriteDone(output);
                        await FlushAsync(output, cancel).ConfigureAwait(false);
                        return;
                    }

                    continue;
                }

                if (fault is { Kind: FaultKind.Slow })
                {
                    await FlushAsync(output, cancel).ConfigureAwait(false);
                    await Task.Delay(fault.Argument, cancel).ConfigureAwait(false);
                }

                if (sent == faultAfter && await ApplyFaultAsync(output, cancel).ConfigureAwait(false))
                {
                    return;
                }

                if (fault is { Kind: FaultKind.Empty })
                {
                    continue;
                }

                if (chat && sent == 0)
                {
                    writer.WriteRoleEvent(output);
                }

                writer.WriteTokenEvent(output, sent, last: e.Generated == maxTokens);
                sent++;
                unstamped++;
            }

            await FlushAsync(output, cancel).ConfigureAwait(false);
        }

        if (request.IncludeUsage)
        {
            writer.WriteUsageEvent(output, request.PromptTokens, fault is { Kind: FaultKind.Empty } ? 0 : sent);
        }

        ChunkWriter.WriteDone(output);
        await FlushAsync(output, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Flushes, noting for the tokens written since the last flush the time just before it and the time it returned.
    /// The socket write happens between the two (Kestrel writes inline), so a client's receive time minus the first
    /// bounds its own delay from above and minus the second from below.
    /// </summary>
    private async ValueTask FlushAsync(System.IO.Pipelines.PipeWriter output, CancellationToken cancel)
    {
        var tokens = writeTimes is null ? 0 : unstamped;
        unstamped = 0;
        for (var i = 0; i < tokens; i++)
        {
            writeTimes!.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        }

        await output.FlushAsync(cancel).ConfigureAwait(false);
        if (tokens > 0)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < tokens; i++)
            {
                flushedTimes!.Add(now);
            }
        }
    }

    /// <summary>Applies a fault that fires after the tokens sent so far; returns whether the response is over.</summary>
    private async Task<bool> ApplyFaultAsync(System.IO.Pipelines.PipeWriter output, CancellationToken cancel)
    {
        switch (fault?.Kind)
        {
            case FaultKind.ErrorEvent:
                logger.LogInformation("Injecting an error event into request {RequestId} after {Tokens} tokens", id, fault.Argument);
                ChunkWriter.WriteErrorEvent(output, "injected fault: error event", "InternalServerError", 500);
                ChunkWriter.WriteDone(output);
                await FlushAsync(output, cancel).ConfigureAwait(false);
                return true;
            case FaultKind.Malformed:
                logger.LogInformation("Injecting a malformed event into request {RequestId} after {Tokens} tokens", id, fault.Argument);
                output.Write("data: {\"choices\": [\n\n"u8);
                ChunkWriter.WriteDone(output);
                await FlushAsync(output, cancel).ConfigureAwait(false);
                return true;
            case FaultKind.Drop:
                logger.LogInformation("Dropping the connection of request {RequestId} after {Tokens} tokens", id, fault.Argument);
                await FlushAsync(output, cancel).ConfigureAwait(false);
                context.Abort();
                return true;
            case FaultKind.Stall:
                logger.LogInformation("Stalling request {RequestId} after {Tokens} tokens", id, fault.Argument);
                await FlushAsync(output, cancel).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
