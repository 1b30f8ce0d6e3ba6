using System.Buffers;
using System.Threading.Channels;
using Fulcrum.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>One streamed response: tokens from the engine's channel written as SSE chunks, with the request's fault applied.</summary>
internal sealed class SimStream(HttpContext context, ChunkWriter writer, ChannelReader<SimEvent> events, Fault? fault, CompletionRequest request, int maxTokens, ILogger logger, string id)
{
    public async Task RunAsync(bool chat)
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
                        await output.FlushAsync(cancel).ConfigureAwait(false);
                        return;
                    }

                    continue;
                }

                if (fault is { Kind: FaultKind.Slow })
                {
                    await output.FlushAsync(cancel).ConfigureAwait(false);
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
                    writer.WriteTokenEvent(output, null, last: false);
                }

                writer.WriteTokenEvent(output, ChunkWriter.Token(sent), last: e.Generated == maxTokens);
                sent++;
            }

            await output.FlushAsync(cancel).ConfigureAwait(false);
        }

        if (request.IncludeUsage)
        {
            writer.WriteUsageEvent(output, request.PromptTokens, fault is { Kind: FaultKind.Empty } ? 0 : sent);
        }

        ChunkWriter.WriteDone(output);
        await output.FlushAsync(cancel).ConfigureAwait(false);
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
                await output.FlushAsync(cancel).ConfigureAwait(false);
                return true;
            case FaultKind.Malformed:
                logger.LogInformation("Injecting a malformed event into request {RequestId} after {Tokens} tokens", id, fault.Argument);
                output.Write("data: {\"choices\": [\n\n"u8);
                ChunkWriter.WriteDone(output);
                await output.FlushAsync(cancel).ConfigureAwait(false);
                return true;
            case FaultKind.Drop:
                logger.LogInformation("Dropping the connection of request {RequestId} after {Tokens} tokens", id, fault.Argument);
                await output.FlushAsync(cancel).ConfigureAwait(false);
                context.Abort();
                return true;
            case FaultKind.Stall:
                logger.LogInformation("Stalling request {RequestId} after {Tokens} tokens", id, fault.Argument);
                await output.FlushAsync(cancel).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
