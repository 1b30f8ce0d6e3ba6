using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Fulcrum.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>Serves completion and chat completion requests from the real-time engine, with faults on demand.</summary>
internal sealed class CompletionHandler
{
    /// <summary>
    /// Output tokens when a request sets no <c>max_tokens</c>. vLLM's default is the rest of the context window;
    /// the twin caps it so a client that sets nothing still gets a stream that ends in seconds.
    /// </summary>
    private const int DefaultMaxTokens = 256;

    private const string RequestIdHeader = "X-Request-Id";

    private readonly SimServerOptions options;
    private readonly RealTimeEngine engine;
    private readonly ILogger logger;
    private readonly Random faultRandom;
    private readonly int maxModelLength;
    private long nextId;

    public CompletionHandler(SimServerOptions options, RealTimeEngine engine, ILogger logger)
    {
        this.options = options;
        this.engine = engine;
        this.logger = logger;
        faultRandom = new Random(options.Seed);
        maxModelLength = options.Deployment.MaxModelLength;
        ModelName = options.ServedModelName ?? options.Deployment.Model.Name;
    }

    public string ModelName { get; }

    public async Task WriteModelsAsync(HttpContext context)
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var json = $$"""{"object":"list","data":[{"id":{{Quote(ModelName)}},"object":"model","created":{{created}},"owned_by":"fulcrum","root":{{Quote(ModelName)}},"parent":null,"max_model_len":{{maxModelLength}},"permission":[]}]}""";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Write times of the streamed tokens, when <c>--token-times</c> asked for them.</summary>
    public TokenTimesLog? TimesLog { get; init; }

    public async Task HandleAsync(HttpContext context, bool chat)
    {
        // As vLLM does, a client's X-Request-Id names the request and comes back in the response headers.
        var requestId = context.Request.Headers[RequestIdHeader].ToString() is { Length: > 0 and <= 256 } given
            ? given
            : Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[RequestIdHeader] = requestId;
        var id = (chat ? "chatcmpl-" : "cmpl-") + requestId;
        try
        {
            await ServeAsync(context, chat, id, requestId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("Client closed request {RequestId}", id);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Writing request {RequestId} failed", id);
        }
    }

    private async Task ServeAsync(HttpContext context, bool chat, string id, string requestId)
    {
        var cancel = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, cancel).ConfigureAwait(false);
        var request = CompletionRequest.Read(body, chat, out var parseError);
        if (request is null)
        {
            await WriteErrorAsync(context, 400, "BadRequestError", parseError!).ConfigureAwait(false);
            return;
        }

        // As in vLLM, a request without a model field gets the one model served.
        if (request.Model is not null && request.Model != ModelName)
        {
            await WriteErrorAsync(context, 404, "NotFoundError", $"The model `{request.Model}` does not exist.").ConfigureAwait(false);
            return;
        }

        var fault = SelectFault(context.Request, out var faultError);
        if (faultError is not null)
        {
            await WriteErrorAsync(context, 400, "BadRequestError", faultError).ConfigureAwait(false);
            return;
        }

        if (fault is { Kind: FaultKind.Status })
        {
            logger.LogInformation("Injecting HTTP {Status} into request {RequestId}", fault.Argument, id);
            await WriteErrorAsync(context, fault.Argument, "InjectedFault", $"injected fault: HTTP {fault.Argument}").ConfigureAwait(false);
            return;
        }

        var maxTokens = request.MaxTokens ?? Math.Min(DefaultMaxTokens, Math.Max(1, maxModelLength - request.PromptTokens));
        if (maxTokens < 1 || request.PromptTokens + maxTokens > maxModelLength)
        {
            var message = maxTokens < 1
                ? $"max_tokens must be at least 1, got {maxTokens}."
                : $"This model's maximum context length is {maxModelLength} tokens. However, you requested {request.PromptTokens + maxTokens} tokens "
                  + $"({request.PromptTokens} in the prompt, {maxTokens} in the completion). Please reduce the length of the prompt or completion.";
            await WriteErrorAsync(context, 400, "BadRequestError", message).ConfigureAwait(false);
            return;
        }

        var simulated = engine.Submit(request.PromptTokens, maxTokens, id);
        var writer = new ChunkWriter(id, ModelName, chat, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        try
        {
            if (request.Stream)
            {
                var stream = new SimStream(context, writer, simulated.Events, fault, request, maxTokens, logger, id) { TimesLog = TimesLog, LogId = requestId };
                await stream.RunAsync(chat).ConfigureAwait(false);
            }
            else
            {
                await RespondWholeAsync(context, writer, simulated.Events, fault, request, maxTokens, id).ConfigureAwait(false);
            }
        }
        finally
        {
            // A response that stops before the simulated request ends (the client disconnected, or a fault ended the
            // stream) aborts it, as vLLM aborts a request whose client goes away. After the end this does nothing.
            simulated.Abort();
        }
    }

    /// <summary>
    /// Writes the response to a <c>stream: false</c> request as one JSON body once the simulated request ends. Faults apply as
    /// their streamed forms would: slow delays each token, empty sends no text, and error-event, malformed, drop
    /// and stall fire once the argument's number of tokens is generated (never, for a shorter output).
    /// </summary>
    private async Task RespondWholeAsync(HttpContext context, ChunkWriter writer, ChannelReader<SimEvent> events, Fault? fault, CompletionRequest request, int maxTokens, string id)
    {
        var cancel = context.RequestAborted;
        var text = new StringBuilder(maxTokens * 6);
        var generated = 0;
        var firesAfter = fault is { Kind: FaultKind.ErrorEvent or FaultKind.Malformed or FaultKind.Drop or FaultKind.Stall } ? Math.Max(1, fault.Argument) : (int?)null;
        await foreach (var e in events.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            if (e.Ended is { } outcome && outcome != RequestOutcome.Completed)
            {
                logger.LogWarning("Request {RequestId} was {Outcome} by the simulated engine", id, outcome);
                await WriteErrorAsync(context, 503, "ServiceUnavailableError", $"the simulated engine {Describe(outcome)} the request").ConfigureAwait(false);
                return;
            }

            if (e.Ended is null)
            {
                if (fault is { Kind: FaultKind.Slow })
                {
                    await Task.Delay(fault.Argument, cancel).ConfigureAwait(false);
                }

                text.Append(ChunkWriter.Token(generated));
                generated = e.Generated;
                if (generated >= firesAfter)
                {
                    await ApplyWholeFaultAsync(context, writer, fault!, request, text.ToString(), generated, id).ConfigureAwait(false);
                    return;
                }
            }
        }

        if (fault is { Kind: FaultKind.Empty })
        {
            logger.LogInformation("Injecting an empty response into request {RequestId}", id);
            text.Clear();
            generated = 0;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(writer.Response(text.ToString(), request.PromptTokens, generated), cancel).ConfigureAwait(false);
    }

    /// <summary>Applies a fault to a non-streamed response after <paramref name="generated"/> tokens.</summary>
    private async Task ApplyWholeFaultAsync(HttpContext context, ChunkWriter writer, Fault fault, CompletionRequest request, string text, int generated, string id)
    {
        switch (fault.Kind)
        {
            case FaultKind.ErrorEvent:
                // A body has no place for a mid-stream error event, so the error becomes the response's status.
                logger.LogInformation("Injecting HTTP 500 (error-event fault) into non-streamed request {RequestId} after {Tokens} tokens", id, generated);
                await WriteErrorAsync(context, 500, "InternalServerError", "injected fault: error event").ConfigureAwait(false);
                break;
            case FaultKind.Malformed:
                logger.LogInformation("Injecting a malformed JSON body into non-streamed request {RequestId} after {Tokens} tokens", id, generated);
                var body = writer.Response(text, request.PromptTokens, generated);
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.Drop:
                logger.LogInformation("Dropping the connection of non-streamed request {RequestId} after {Tokens} tokens", id, generated);
                context.Abort();
                break;
            default:
                logger.LogInformation("Stalling non-streamed request {RequestId} after {Tokens} tokens", id, generated);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    internal static string Describe(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Rejected => "rejected (prompt and output exceed the KV cache)",
        RequestOutcome.Aborted => "aborted",
        _ => "could not admit (all request slots in use)",
    };

    private Fault? SelectFault(HttpRequest request, out string? error)
    {
        error = null;
        if (request.Headers.TryGetValue(Fault.Header, out var header) && header.ToString() is { Length: > 0 } text)
        {
            try
            {
                return Fault.Parse(text, Fault.Header);
            }
            catch (Errors.InputException e)
            {
                error = e.Message;
                return null;
            }
        }

        if (options.FaultRates.Count == 0)
        {
            return null;
        }

        double draw;
        lock (faultRandom)
        {
            draw = faultRandom.NextDouble();
        }

        foreach (var rate in options.FaultRates)
        {
            if (draw < rate.Fraction)
            {
                return rate.Fault;
            }

            draw -= rate.Fraction;
        }

        return null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < int.MaxValue ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        logger.LogInformation("Responding with {Status} to {Path}: {Message}", status, context.Request.Path, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ChunkWriter.ErrorBody(message, type, status), context.RequestAborted).ConfigureAwait(false);
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
