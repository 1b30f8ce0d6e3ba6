using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Sse;
using Fulcrum.Http.Transport;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Client;

/// <summary>
/// Sends streaming completion requests to one OpenAI-compatible server and times every chunk. One
/// instance serves a whole run from many tasks at once, through one <see cref="HttpClient"/> on a
/// <see cref="SocketsHttpHandler"/> set for thousands of concurrent HTTP/1.1 streams.
/// </summary>
public sealed class StreamingClient : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Read buffers kept for reuse: enough for 10,000 concurrent streams (160 MiB at the default 16 KiB).</summary>
    private const int MaxPooledBuffers = 10_000;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly RequestSettings _settings;
    private readonly ClientOptions _options;
    private readonly Tokenizer? _tokenizer;

    /// <summary>
    /// Read and SSE parser buffers, a few per open stream. The shared pool keeps only a few arrays per size, so thousands of
    /// concurrent streams would each allocate one that lives as long as its stream and reaches the older GC
    /// generations; this pool keeps up to <see cref="MaxPooledBuffers"/> for reuse across requests.
    /// </summary>
    private readonly ArrayPool<byte> _buffers;

    /// <summary>Prefix of the X-Request-Id of every request this client sends, random per client so runs do not collide in server logs.</summary>
    private readonly string _requestIdPrefix = "fulcrum-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) + "-";

    /// <param name="baseAddress">The server root, e.g. <c>http://127.0.0.1:8000/</c>.</param>
    /// <param name="tokenizer">Counts output tokens client-side when the server sends no usage.</param>
    public StreamingClient(Uri baseAddress, RequestSettings settings, ClientOptions options, Tokenizer? tokenizer = null)
        : this(CreateHandler(baseAddress, options), baseAddress, settings, options, tokenizer)
    {
    }

    /// <summary>Uses <paramref name="handler"/> as the transport (tests replay recorded streams through it).</summary>
    public StreamingClient(HttpMessageHandler handler, Uri baseAddress, RequestSettings settings, ClientOptions options, Tokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _tokenizer = tokenizer;
        _buffers = ArrayPool<byte>.Create(options.ReadBufferBytes, MaxPooledBuffers);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        BaseAddress = root;
        _endpoint = new Uri(root, settings.Path);
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>The monotonic clock, in <see cref="Stopwatch"/> ticks; tests replace it to make replayed streams deterministic.</summary>
    internal Func<long> Clock { get; set; } = Stopwatch.GetTimestamp;

    public RequestSettings Settings => _settings;

    /// <summary>The shared transport, for the readiness check.</summary>
    public HttpClient Http => _http;

    /// <summary>
    /// Sends <paramref name="prompt"/> and streams the response into <paramref name="record"/>. Never throws
    /// for a failed request: the record stores how it failed. Cancelling <paramref name="cancel"/> marks it
    /// Cancelled; running past <paramref name="timeLimit"/> (default <see cref="ClientOptions.RequestTimeout"/>)
    /// marks it a Timeout failure. A negative <see cref="RequestRecord.Index"/> marks a warm-up request, whose id
    /// ends in <c>warmup-N</c>.
    /// </summary>
    public async Task SendAsync(RequestRecord record, string prompt, int? maxTokens, CancellationToken cancel, TimeSpan? timeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.RequestedOutputTokens = maxTokens;
        var body = RequestBodyWriter.ToArray(_settings, prompt, maxTokens);
        var limit = timeLimit ?? _options.RequestTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(limit);
        var accumulator = new StreamAccumulator(_tokenizer, maxTokens + 1);
        using var parser = new SseParser(pool: _buffers);
        try
        {
            record.RequestId = _requestIdPrefix + (record.Index < 0 ? "warmup-" : "") + Math.Abs(record.Index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = CreateRequest(body, record.RequestId);
            record.SendTimestamp = Clock();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            record.Resent = request.Options.TryGetValue(Http11StreamingHandler.Resent, out var resent) && resent;
            record.HttpStatus = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var message = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                record.Fail(ErrorKind.HttpStatus, message, Clock());
                return;
            }

            if (response.Content.Headers.ContentType?.MediaType is { } mediaType
                && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                record.Fail(ErrorKind.MalformedStream, $"the server responded with {mediaType}, not text/event-stream: the endpoint does not stream; check --endpoint and that the server supports stream=true", Clock());
                return;
            }

            await ReadStreamAsync(response, parser, accumulator, timeout.Token).ConfigureAwait(false);
            Finish(record, parser, accumulator);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            accumulator.Complete(record);
            record.Status = RequestStatus.Cancelled;
            record.EndTimestamp = Clock();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            accumulator.Complete(record);
            var stage = accumulator.ChunkCount == 0 ? "before the first token" : $"after {accumulator.ChunkCount} chunks";
            record.Fail(ErrorKind.Timeout, $"no complete response within {limit.TotalSeconds:0.###} s ({stage})", Clock());
        }
        catch (HttpRequestException e)
        {
            accumulator.Complete(record);
            var stage = record.HttpStatus is null ? "request failed" : "connection dropped while streaming";
            record.Fail(ErrorKind.Connection, $"{stage}: {ErrorMessages.Describe(e)}", Clock());
        }
        catch (IOException e)
        {
            accumulator.Complete(record);
            record.Fail(ErrorKind.Connection, "connection dropped while streaming: " + ErrorMessages.Describe(e), Clock());
        }
        catch (SseFormatException e)
        {
            accumulator.Complete(record);
            record.Fail(ErrorKind.MalformedStream, e.Message, Clock());
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage CreateRequest(byte[] body, string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new RequestBodyContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        if (_options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);
        }

        return request;
    }

    private async Task ReadStreamAsync(HttpResponseMessage response, SseParser parser, StreamAccumulator accumulator, CancellationToken cancel)
    {
        var buffer = _buffers.Rent(_options.ReadBufferBytes);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, _options.ReadBufferBytes), cancel).ConfigureAwait(false);
                    accumulator.Now = Clock();
                    if (read == 0 || !parser.Feed(buffer.AsSpan(0, read), ref accumulator))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private static void Finish(RequestRecord record, SseParser parser, StreamAccumulator accumulator)
    {
        accumulator.Complete(record);
        var end = accumulator.Now;
        if (accumulator.Error is { } kind)
        {
            record.Fail(kind, accumulator.ErrorMessage ?? kind.ToString(), end);
        }
        else if (!accumulator.Done && parser.HasPartialEvent)
        {
            record.Fail(ErrorKind.MalformedStream, "the stream ended inside an event", end);
        }
        else if (accumulator.ChunkCount == 0)
        {
            var usage = accumulator.CompletionTokens is { } tokens ? $" (usage reports {tokens} completion tokens)" : "";
            record.Fail(ErrorKind.EmptyOutput, "the stream ended without generated text" + usage, end);
        }
        else
        {
            record.Status = RequestStatus.Succeeded;
            record.EndTimestamp = end;
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            var body = buffer.AsSpan(0, length);
            var message = StreamChunkReader.ReadErrorBody(body) ?? System.Text.Encoding.UTF8.GetString(body[..Math.Min(length, 500)]).Trim();
            return message.Length == 0 ? status : $"{status}: {message}";
        }
    }

    private static HttpMessageHandler CreateHandler(Uri baseAddress, ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TransportFor(baseAddress) == ClientTransport.Streaming)
        {
            return new Http11StreamingHandler(options);
        }

        return new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
    }
}
