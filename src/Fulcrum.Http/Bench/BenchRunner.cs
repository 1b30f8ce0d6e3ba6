using System.Globalization;
using System.Net;
using Fulcrum.Errors;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Workloads;

namespace Fulcrum.Http.Bench;

/// <summary>
/// Runs <c>fulcrum bench</c>'s steps: wait for the server, pick the model name, send one checked request
/// and the warm-up, then drive each load point. Problems found before measuring are bad input
/// (<see cref="InputException"/>); failures during a run are counted in the records.
/// </summary>
public static class BenchRunner
{
    /// <summary>Max tries of the checked request while its failures are transient.</summary>
    private const int CheckAttempts = 3;

    /// <summary>
    /// Waits for the server, resolves the model name and checks one streamed request; returns a client
    /// ready to measure. Throws <see cref="InputException"/> naming the URL, the model and the fix.
    /// </summary>
    public static async Task<StreamingClient> ConnectAsync(BenchSettings settings, PlannedRequest probe, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probe);
        var modelIds = await WaitForServerAsync(settings, cancel).ConfigureAwait(false);
        var model = settings.ModelName ?? (modelIds is { Count: > 0 } ? modelIds[0] : null)
            ?? throw new InputException($"{settings.BaseAddress} lists no model under /v1/models; pass --model-name with the name the server serves.");
        if (modelIds is { Count: > 0 } && !modelIds.Contains(model, StringComparer.Ordinal))
        {
            throw new InputException($"--model-name {model}: {settings.BaseAddress} does not serve it; it lists {string.Join(", ", modelIds)}. Pass one of those.");
        }

        var requestSettings = new RequestSettings(settings.Endpoint, model, settings.LengthControl);
        var client = new StreamingClient(settings.BaseAddress, requestSettings, settings.Client, settings.Tokenizer);
        try
        {
            var warmupLimit = settings.WarmupTimeout < settings.Client.RequestTimeout ? settings.WarmupTimeout : settings.Client.RequestTimeout;
            await CheckOneRequestAsync(client, probe, warmupLimit, cancel).ConfigureAwait(false);
            var warmups = Enumerable.Range(1, Math.Max(0, settings.WarmupRequests - 1)).Select(i => probe with { Index = -1 - i }).ToList();
            await LoadDriver.WarmUpAsync(client, warmups, cancel, warmupLimit).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Drives one load point and computes its metrics; Ctrl-C through <paramref name="stop"/> gives a run marked
    /// interrupted, and <paramref name="abort"/> cancels in-flight requests without waiting for the drain time.
    /// </summary>
    public static async Task<BenchResult> RunAsync(StreamingClient client, BenchSettings settings, Workload workload, WorkloadSpec? spec, CancellationToken stop, CancellationToken abort = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var plan = BenchPlan.Build(workload, settings.Prompts, settings.Tokenizer, spec?.Seed ?? 0);
        if (settings.Prompts is { } prompts)
        {
            workload = workload with { Description = DescribePromptFile(workload, spec, prompts.Count, settings.PromptsFile) };
        }

        var options = new LoadOptions
        {
            MaxConcurrency = workload.MaxConcurrency,
            MaxFailures = settings.MaxFailures,
            DrainTimeout = settings.DrainTimeout,
        };
        var region = NoGCRegionScope.Enter(settings.NoGCRegionBytes);
        LoadRun run;
        try
        {
            run = await LoadDriver.RunAsync(client, plan, options, stop, abort).ConfigureAwait(false);
        }
        finally
        {
            region.Dispose();
        }

        var gc = new ClientGcActivity(region.Collections, region.Pause.TotalMilliseconds, region.Started, settings.NoGCRegionBytes);

        // A real client can fall behind its schedule without a concurrency cap too (a burst of thousands of requests
        // takes a while to send from one core), so the time each request waited in the client is always reported.
        var metrics = run.ComputeMetrics(settings.Gpus, settings.Slo, reportClientQueue: true);
        return new BenchResult(run, metrics, workload, spec, client.Settings.ModelName) { ClientGc = gc };
    }

    /// <summary>
    /// Describes a run whose prompts came from a file: the file sets the prompt lengths (and may set max_tokens), so
    /// the spec's input and output lengths would be false and are left out.
    /// </summary>
    private static string DescribePromptFile(Workload workload, WorkloadSpec? spec, int promptCount, string? file)
    {
        var count = workload.Requests.Count.ToString("N0", CultureInfo.InvariantCulture);
        var source = file is null ? "a prompt file" : Path.GetFileName(file);
        var arrival = spec is null ? "" : $", {spec.Arrival.Describe()}";
        var cap = workload.MaxConcurrency is { } c ? $", at most {c} outstanding" : "";
        return $"{count} requests{arrival}, prompts from {source} ({promptCount} prompts sent in turn, lengths set by the file){cap}";
    }

    private static async Task<IReadOnlyList<string>?> WaitForServerAsync(BenchSettings settings, CancellationToken cancel)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = settings.Client.ConnectTimeout });
        var readiness = await ReadinessProbe.WaitAsync(http, settings.BaseAddress, settings.Client.ApiKey, settings.ReadinessTimeout, TimeSpan.FromMilliseconds(500), cancel).ConfigureAwait(false);
        if (readiness.RoutesNotFound)
        {
            throw new InputException(
                $"--url {settings.BaseAddress}: the server is up but answered 404 for GET {new Uri(settings.BaseAddress, "v1/models").AbsolutePath} "
                + $"and {new Uri(settings.BaseAddress, "health").AbsolutePath}. Pass the server root, such as {new Uri(settings.BaseAddress, "/")}.");
        }

        if (!readiness.Ready)
        {
            throw new InputException(
                $"--url {settings.BaseAddress}: the server did not answer GET /v1/models or /health within {settings.ReadinessTimeout.TotalSeconds:0.#} s "
                + $"({readiness.LastError}). Start the server, fix --url, or raise --ready-timeout.");
        }

        return readiness.ModelIds;
    }

    /// <summary>
    /// Sends the checked request, up to <see cref="CheckAttempts"/> times while it fails the way a busy or
    /// fault-injecting server fails now and then (5xx or 429, an error event, a dropped stream); a rejection
    /// (4xx), a non-streaming endpoint or a timeout ends the check at once.
    /// </summary>
    private static async Task CheckOneRequestAsync(StreamingClient client, PlannedRequest probe, TimeSpan timeLimit, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = new RequestRecord(-1) { ExpectedInputTokens = probe.ExpectedInputTokens };
            await client.SendAsync(record, probe.Prompt, probe.MaxTokens, cancel, timeLimit).ConfigureAwait(false);
            if (record.Status == RequestStatus.Succeeded)
            {
                return;
            }

            cancel.ThrowIfCancellationRequested();
            if (attempt == CheckAttempts || !IsTransient(record))
            {
                ThrowCheckFailure(client, record, attempt);
            }

            // A server that is briefly busy gets a moment before the next try: 0.5 s, then 1 s.
            await Task.Delay(TimeSpan.FromSeconds(0.5 * attempt), cancel).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(RequestRecord record) => (record.Error, record.HttpStatus) switch
    {
        (ErrorKind.HttpStatus, >= 500 or (int)HttpStatusCode.TooManyRequests) => true,
        (ErrorKind.ErrorEvent, _) => true,
        (ErrorKind.Connection, not null) => true,
        _ => false,
    };

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowCheckFailure(StreamingClient client, RequestRecord record, int attempts)
    {
        var tries = attempts > 1 ? $" in all {attempts} tries" : "";
        var url = new Uri(client.BaseAddress, client.Settings.Path);
        var model = client.Settings.ModelName;
        var happened = record.Error switch
        {
            ErrorKind.HttpStatus => $"HTTP {record.HttpStatus}",
            { } kind => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()),
            null => "no error recorded",
        };
        throw new InputException((record.Error, record.HttpStatus) switch
        {
            (ErrorKind.HttpStatus, (int)HttpStatusCode.NotFound) =>
                $"POST {url} returned 404 for model {model} ({record.ErrorMessage}). Pass --model-name with a name the server serves, or fix --url and --endpoint.",
            (ErrorKind.HttpStatus, (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden) =>
                $"POST {url} rejected the credentials ({record.ErrorMessage}). Set --api-key-env to a variable holding a valid key.",
            (ErrorKind.HttpStatus, >= 500) =>
                $"POST {url}: the first request failed with HTTP {record.HttpStatus}{tries} ({record.ErrorMessage}). The server failed it; check the server's log, or retry.",
            (ErrorKind.HttpStatus, _) =>
                $"POST {url} rejected the first request with HTTP {record.HttpStatus} ({record.ErrorMessage}). Check --endpoint, --model-name and the length-control flags the server accepts.",
            (ErrorKind.ErrorEvent or ErrorKind.EmptyOutput, _) =>
                $"POST {url}: the first request failed{tries} ({happened}: {record.ErrorMessage}). The server accepted it but did not generate; check the server's log, or retry.",
            (ErrorKind.MalformedStream, _) =>
                $"POST {url} did not stream server-sent events ({record.ErrorMessage}). Point --url and --endpoint at an OpenAI-compatible endpoint that supports stream=true.",
            (ErrorKind.Timeout, _) =>
                $"POST {url}: the first request failed ({happened}: {record.ErrorMessage}). Check that the server is generating, or raise --warmup-timeout.",
            (ErrorKind.Connection, not null) =>
                $"POST {url}: the server accepted the first request but cut its stream{tries} ({record.ErrorMessage}). Check the server's log, or retry.",
            (ErrorKind.Connection, _) =>
                $"POST {url}: the first request failed ({happened}: {record.ErrorMessage}). Check that the server is up and --url is right.",
            _ => $"POST {url}: the first request failed ({happened}: {record.ErrorMessage}). Fix the server or the request flags before measuring.",
        });
    }
}
