using System.Net;
using System.Net.Sockets;
using Fulcrum.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Http.Serving;

/// <summary>
/// The simulated OpenAI-compatible endpoint (<c>fulcrum serve-sim</c>): Kestrel with vLLM's routes
/// (<c>/v1/completions</c>, <c>/v1/chat/completions</c>, <c>/v1/models</c>, <c>/health</c>) and
/// <c>/fulcrum/deployment</c>, every request served by a <see cref="RealTimeEngine"/> so tokens stream at the times
/// the simulator gives them.
/// </summary>
public sealed class SimServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RealTimeEngine engine;

    private readonly string? tokenTimesPath;

    private SimServer(WebApplication app, RealTimeEngine engine, Uri address, ServedDeployment served, TokenTimesLog? tokenTimes, string? tokenTimesPath)
    {
        this.app = app;
        this.engine = engine;
        Address = address;
        Served = served;
        TokenTimes = tokenTimes;
        this.tokenTimesPath = tokenTimesPath;
    }

    /// <summary>The bound root, e.g. <c>http://127.0.0.1:8000/</c>; with port 0 this carries the port picked.</summary>
    public Uri Address { get; }

    /// <summary>What the server simulates: the deployment, replicas, KV blocks per replica and router.</summary>
    public ServedDeployment Served { get; }

    /// <summary>The engine, for callers that compare against the simulation's own times.</summary>
    public RealTimeEngine Engine => engine;

    /// <summary>The token write times recorded so far; null unless <see cref="SimServerOptions.TokenTimesPath"/> is set.</summary>
    public TokenTimesLog? TokenTimes { get; }

    /// <summary>Starts listening; throws <see cref="InputException"/> for a host that is not an IP address or a port in use.</summary>
    /// <param name="configureLogging">Adds logging providers; null logs to the console.</param>
    public static async Task<SimServer> StartAsync(SimServerOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var ip))
        {
            throw new InputException($"--host {options.Host}: not an IP address; use 127.0.0.1 (loopback, the default) or another address of this machine.");
        }

        if (options.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            throw new InputException($"--port {options.Port}: not a TCP port; use a number from 1 to 65535, or 0 for any free port.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // ASP.NET Core logs several lines per request at Information, which floods the log under load.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The host logs a failed start ("Hosting failed to start") with its stack trace at Error before it rethrows;
        // StartAsync turns that exception into one clear message, so the log entry is left out.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(ip, options.Port);
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        // Kestrel runs the handlers and their socket writes on its I/O threads, which saves one thread hop per token.
        // This is safe only while no handler blocks a thread: they await the engine's channels and never wait synchronously.
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fulcrum.ServeSim");
        var engine = new RealTimeEngine(options, logger);
        var tokenTimes = options.TokenTimesPath is null ? null : new TokenTimesLog();
        var handler = new CompletionHandler(options, engine, logger) { TimesLog = tokenTimes };
        var served = new ServedDeployment(options.Deployment, handler.ModelName, engine.KvBlocksPerReplica, options.Router);
        var deploymentJson = served.ToJson().ToJsonString(Reports.Json.JsonOutput.Options);
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Ok());
        app.MapGet("/fulcrum/deployment", () => Microsoft.AspNetCore.Http.Results.Text(deploymentJson, "application/json"));
        app.MapGet("/v1/models", (HttpContext context) => handler.WriteModelsAsync(context));
        app.MapPost("/v1/completions", (HttpContext context) => handler.HandleAsync(context, chat: false));
        app.MapPost("/v1/chat/completions", (HttpContext context) => handler.HandleAsync(context, chat: true));
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            engine.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable }
                ? new InputException($"--host {options.Host}: this machine has no such address ({e.Message}); use 127.0.0.1 (loopback, the default) or one of its own addresses.", e)
                : new InputException($"--port {options.Port}: cannot listen on {options.Host}:{options.Port} ({e.Message}); pick a free port, or 0 for any.", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        // The deployment itself is printed by the command and served at /fulcrum/deployment, so the log line omits it.
        logger.LogInformation("Serving {Model} on {Address}", handler.ModelName, address);
        return new SimServer(app, engine, address, served, tokenTimes, options.TokenTimesPath);
    }

    /// <summary>Blocks until the host stops (Ctrl-C or SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel = default) => app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        engine.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
        if (TokenTimes is not null)
        {
            TokenTimes.WriteTo(tokenTimesPath!);
        }
    }
}
