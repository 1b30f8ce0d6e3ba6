using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Tests.Http;

/// <summary>
/// A Kestrel server on 127.0.0.1 (port chosen by the OS) that streams vLLM-style completions chosen by
/// the prompt: <c>"tokens=5 first_ms=10 gap_ms=20"</c> sets the normal stream, and <c>fault=NAME</c>
/// picks a failure (status, error_event, drop, stall, empty, json); <c>busy_until=N</c> returns 503 to the
/// server's first N requests. It stamps each token with the
/// same monotonic clock the client uses, so tests can compare both sides.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;

    private ScriptedServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Token write times by request prompt id (<c>id=N</c>), in Stopwatch ticks, after each flush.</summary>
    public ConcurrentDictionary<int, List<long>> TokenWrites { get; } = new();

    /// <summary>Arrival time of each request by prompt id.</summary>
    public ConcurrentDictionary<int, long> Arrivals { get; } = new();

    public bool ModelsRouteMissing { get; set; }

    public string? RequiredApiKey { get; set; }

    public static async Task<ScriptedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.MapGet("/v1/models", (HttpContext context) => server.ModelsRouteMissing
            ? Results.NotFound()
            : Results.Text("""{"object":"list","data":[{"id":"test-model","object":"model","owned_by":"vllm"}]}""", "application/json"));
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/v1/completions", server.CompleteAsync);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var arrival = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            if (RequiredApiKey is { } key && context.Request.Headers.Authorization.ToString() != "Bearer " + key)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error":{"message":"Unauthorized","type":"AuthenticationError","code":401}}""");
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            var prompt = root.TryGetProperty("prompt", out var p) ? p.GetString()! : root.GetProperty("messages")[0].GetProperty("content").GetString()!;
            var script = Parse(prompt);
            var id = script.GetValueOrDefault("id", 0);
            Arrivals[id] = arrival;
            await StreamAsync(context, script, id, FaultOf(prompt));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task StreamAsync(HttpContext context, Dictionary<string, int> script, int id, string? fault)
    {
        var response = context.Response;
        var cancel = context.RequestAborted;
        if (fault == "status")
        {
            response.StatusCode = 404;
            await response.WriteAsync("""{"error":{"message":"The model `nope` does not exist.","type":"NotFoundError","param":null,"code":404}}""", cancel);
            return;
        }

        if (script.TryGetValue("busy_until", out var busyUntil) && Requests <= busyUntil)
        {
            // The server's first requests fail as an overloaded server's do.
            response.StatusCode = 503;
            await response.WriteAsync("""{"error":{"message":"Service is overloaded","type":"ServiceUnavailableError","code":503}}""", cancel);
            return;
        }

        if (fault == "json")
        {
            response.ContentType = "application/json";
            await response.WriteAsync("""{"choices":[{"text":"not streamed"}]}""", cancel);
            return;
        }

        response.ContentType = "text/event-stream";
        var tokens = script.GetValueOrDefault("tokens", 5);
        await Task.Delay(script.GetValueOrDefault("first_ms", 0), cancel);
        var writes = TokenWrites.GetOrAdd(id, _ => []);
        for (var i = 0; i < tokens; i++)
        {
            if (i > 0)
            {
                await Task.Delay(script.GetValueOrDefault("gap_ms", 0), cancel);
            }

            if (fault == "empty")
            {
                break;
            }

            await WriteAsync(response, $$"""{"id":"cmpl-{{id}}","object":"text_completion","choices":[{"index":0,"text":" t{{i}}","finish_reason":null}]}""", cancel);
            lock (writes)
            {
                writes.Add(Stopwatch.GetTimestamp());
            }

            if (i == script.GetValueOrDefault("fault_after", 2))
            {
                switch (fault)
                {
                    case "error_event":
                        await WriteAsync(response, """{"error": {"message": "Engine loop has died", "type": "InternalServerError", "param": null, "code": 500}}""", cancel);
                        await WriteAsync(response, "[DONE]", cancel);
                        return;
                    case "drop":
                        context.Abort();
                        return;
                    case "stall":
                        await Task.Delay(Timeout.Infinite, cancel);
                        return;
                }
            }
        }

        var produced = fault == "empty" ? 0 : tokens;
        var usage = $"\"usage\":{{\"prompt_tokens\":7,\"total_tokens\":{7 + produced},\"completion_tokens\":{produced}}}";
        await WriteAsync(response, $"{{\"id\":\"cmpl-{id}\",\"object\":\"text_completion\",\"choices\":[],{usage}}}", cancel);
        await WriteAsync(response, "[DONE]", cancel);
    }

    private static async Task WriteAsync(HttpResponse response, string data, CancellationToken cancel)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), cancel);
        await response.Body.FlushAsync(cancel);
    }

    private static Dictionary<string, int> Parse(string prompt) =>
        prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .Where(kv => kv.Length == 2 && int.TryParse(kv[1], out _))
            .ToDictionary(kv => kv[0], kv => int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));

    private static string? FaultOf(string prompt) =>
        prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=')).FirstOrDefault(kv => kv.Length == 2 && kv[0] == "fault")?[1];

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
