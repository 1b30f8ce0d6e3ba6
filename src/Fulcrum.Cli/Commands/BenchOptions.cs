using System.CommandLine;
using System.Globalization;
using Fulcrum.Errors;
using Fulcrum.Http.Bench;
using Fulcrum.Http.Client;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Prompts;

namespace Fulcrum.Cli.Commands;

/// <summary>Options of <c>fulcrum bench</c> beyond the shared workload flags: the server, request fields, prompts, limits and sweeps.</summary>
internal sealed class BenchOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "Root of the OpenAI-compatible server, e.g. http://127.0.0.1:8000.",
        Required = true,
    };

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = "API to call: completions (/v1/completions) or chat (/v1/chat/completions).",
        DefaultValueFactory = _ => "completions",
    };

    public Option<string?> ModelName { get; } = new("--model-name") { Description = "The model field to send; default: the first model the server lists under /v1/models." };

    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding the API key sent as a bearer token (the key is never printed)." };

    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "Local Hugging Face tokenizer.json: prompts of exact token lengths, and output tokens counted client-side when the server sends no usage." };

    public Option<string?> Prompts { get; } = new("--prompts") { Description = "JSONL file of prompts, one {\"prompt\": ..., \"max_tokens\": ...} object per line, sent in turn instead of random prompts." };

    public Option<bool> IgnoreEos { get; } = new("--ignore-eos") { Description = "Send ignore_eos and min_tokens (vLLM, SGLang) so every output has exactly max_tokens tokens." };

    public Option<int> Warmup { get; } = new("--warmup")
    {
        Description = "Requests sent one by one before measuring; the first one also checks the endpoint, so at least one is sent.",
        DefaultValueFactory = _ => 1,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Limit on one request from send to the end of its stream, seconds; a stalled stream fails as a timeout.",
        DefaultValueFactory = _ => 600,
    };

    public Option<double> WarmupTimeout { get; } = new("--warmup-timeout")
    {
        Description = "Limit on the first checked request and each warm-up request, seconds (at most --timeout), so a stalled server fails the run early.",
        DefaultValueFactory = _ => 60,
    };

    public Option<double> ReadyTimeout { get; } = new("--ready-timeout")
    {
        Description = "How long to wait for the server to answer /v1/models or /health before giving up, seconds.",
        DefaultValueFactory = _ => 30,
    };

    public Option<int?> MaxFailures { get; } = new("--max-failures") { Description = "Stop the run once more than this many requests have failed; default: never stop." };

    public Option<int?> Gpus { get; } = new("--num-gpus") { Description = "GPUs behind the endpoint, for per-GPU throughput; default: unknown (null)." };

    public Option<string?> Records { get; } = new("--records") { Description = "Write one JSON object per request (times, tokens, errors) to this JSONL file." };

    public Option<string> Transport { get; } = new("--http-client")
    {
        Description = "HTTP implementation: streaming (Fulcrum's HTTP/1.1 client, http:// only, no allocation per token), dotnet (.NET's SocketsHttpHandler) or auto (streaming for http://, dotnet for https://).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<int> NoGCBudget { get; } = new("--no-gc-budget")
    {
        Description = "MiB the client may allocate in each run before its garbage collections resume (a no-GC region), since each collection pauses token reads; 0 collects as usual.",
        DefaultValueFactory = _ => (int)(Fulcrum.Http.Load.NoGCRegionScope.DefaultBudgetBytes / (1024 * 1024)),
    };

    public Option<string?> SweepRates { get; } = new("--sweep-rates") { Description = "Comma-separated request rates, requests/s; one run and one result per rate." };

    public Option<string?> SweepConcurrency { get; } = new("--sweep-concurrency") { Description = "Comma-separated concurrency caps; one run and one result per cap." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, Endpoint, ModelName, ApiKeyEnv, Tokenizer, Prompts, IgnoreEos, Warmup, Timeout, WarmupTimeout, ReadyTimeout, MaxFailures, Gpus, Records, Transport, NoGCBudget, SweepRates, SweepConcurrency })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the options into settings; throws a bad-input error naming the option and the fix.</summary>
    public BenchSettings Read(ParseResult parse, Metrics.SloThresholds? slo)
    {
        var url = parse.GetValue(Url)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new InputException($"--url {url}: not an absolute http:// or https:// URL; pass the server root, e.g. http://127.0.0.1:8000.");
        }

        var urlPath = address.AbsolutePath.TrimEnd('/');
        foreach (var route in (string[])["/v1", "/v1/completions", "/v1/chat/completions"])
        {
            if (urlPath.EndsWith(route, StringComparison.OrdinalIgnoreCase))
            {
                var root = new UriBuilder(address) { Path = urlPath[..^route.Length] + "/", Query = "" }.Uri;
                throw new InputException($"--url {url}: ends in {route}, but bench adds /v1/completions or /v1/chat/completions itself; pass the server root, {root}.");
            }
        }

        // A path prefix without a trailing slash would be dropped when the routes are resolved against it.
        if (!address.AbsolutePath.EndsWith('/'))
        {
            address = new UriBuilder(address) { Path = address.AbsolutePath + "/" }.Uri;
        }

        var endpoint = parse.GetValue(Endpoint) switch
        {
            "completions" => EndpointKind.Completions,
            "chat" => EndpointKind.Chat,
            var other => throw new InputException($"--endpoint {other}: unknown endpoint; use completions or chat."),
        };
        var transport = parse.GetValue(Transport) switch
        {
            "auto" => ClientTransport.Auto,
            "dotnet" => ClientTransport.DotNet,
            "streaming" when address.Scheme == "http" => ClientTransport.Streaming,
            "streaming" => throw new InputException($"--http-client streaming: sends plain http:// only, but --url is {url}; use --http-client dotnet or auto for https://."),
            var other => throw new InputException($"--http-client {other}: unknown HTTP client; use auto, streaming or dotnet."),
        };
        var timeout = Positive(parse.GetValue(Timeout), "--timeout");
        var ready = Positive(parse.GetValue(ReadyTimeout), "--ready-timeout");
        var tokenizer = parse.GetValue(Tokenizer) is { } path ? HuggingFaceTokenizer.Load(path) : null;
        var prompts = parse.GetValue(Prompts) is { } file ? PromptFile.Read(file, tokenizer) : null;
        if (parse.GetValue(MaxFailures) is { } max)
        {
            CommonOptions.AtLeast(max, 0, "--max-failures");
        }

        if (parse.GetValue(Gpus) is { } gpus)
        {
            CommonOptions.AtLeast(gpus, 1, "--num-gpus");
        }

        return new BenchSettings
        {
            BaseAddress = address,
            Endpoint = endpoint,
            ModelName = parse.GetValue(ModelName),
            LengthControl = parse.GetValue(IgnoreEos) ? OutputLengthControl.IgnoreEos | OutputLengthControl.MinTokens : OutputLengthControl.None,
            Client = new ClientOptions
            {
                RequestTimeout = TimeSpan.FromSeconds(timeout),
                ApiKey = parse.GetValue(ApiKeyEnv) is { } variable ? ApiKey.FromEnvironment(variable) : null,
                Transport = transport,
            },
            Tokenizer = tokenizer,
            Prompts = prompts,
            PromptsFile = parse.GetValue(Prompts),
            WarmupRequests = CommonOptions.AtLeast(parse.GetValue(Warmup), 0, "--warmup"),
            MaxFailures = parse.GetValue(MaxFailures),
            ReadinessTimeout = TimeSpan.FromSeconds(ready),
            WarmupTimeout = TimeSpan.FromSeconds(Positive(parse.GetValue(WarmupTimeout), "--warmup-timeout")),
            Gpus = parse.GetValue(Gpus),
            Slo = slo,
            NoGCRegionBytes = CommonOptions.AtLeast(parse.GetValue(NoGCBudget), 0, "--no-gc-budget") * 1024L * 1024,
        };
    }

    /// <summary>The sweep's values, or null without a sweep; rates are requests/s, concurrency caps are counts.</summary>
    public (IReadOnlyList<double>? Rates, IReadOnlyList<int>? Concurrency) ReadSweep(ParseResult parse)
    {
        var rates = parse.GetValue(SweepRates);
        var caps = parse.GetValue(SweepConcurrency);
        if (rates is not null && caps is not null)
        {
            throw new InputException("--sweep-rates and --sweep-concurrency are both given; sweep one of them, and fix the other with --request-rate or --max-concurrency.");
        }

        return (
            rates is null ? null : ParseList<double>(rates, "--sweep-rates", s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : null),
            caps is null ? null : ParseList<int>(caps, "--sweep-concurrency", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : (int?)null));
    }

    private static List<T> ParseList<T>(string text, string option, Func<string, T?> parse)
        where T : struct
    {
        var values = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            values.Add(parse(item) ?? throw new InputException($"{option} {text}: '{item}' is not a positive number; give a comma-separated list such as 1,2,4."));
        }

        return values;
    }

    private static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new InputException($"{option} {value}: must be a positive number of seconds.");
}
