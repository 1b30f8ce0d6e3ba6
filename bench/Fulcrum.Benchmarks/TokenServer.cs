using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Benchmarks;

/// <summary>
/// A minimal Kestrel server on 127.0.0.1 that streams a fixed number of vLLM-style completion chunks per request at
/// a fixed gap and records, per request, the <see cref="Stopwatch"/> timestamp of each chunk just before it is
/// written. Client and server share the process, so the two clocks are one clock and the difference is the time
/// the chunk spent in the socket and the client.
/// </summary>
internal sealed class TokenServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TokenServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Server write timestamps per request id (the <c>id=N</c> at the start of the prompt).</summary>
    public ConcurrentDictionary<int, long[]> Writes { get; } = new();

    public static async Task<TokenServer> StartAsync(int tokens, TimeSpan gap)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        TokenServer? server = null;
        app.MapPost("/v1/completions", (HttpContext context) => server!.StreamAsync(context, tokens, gap));
        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TokenServer(app, new Uri(bound + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, int tokens, TimeSpan gap)
    {
        var id = await ReadIdAsync(context.Request).ConfigureAwait(false);
        var writes = new long[tokens];
        Writes[id] = writes;
        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync().ConfigureAwait(false);
        var output = context.Response.BodyWriter;
        for (var i = 0; i < tokens; i++)
        {
            await Task.Delay(gap).ConfigureAwait(false);
            writes[i] = Stopwatch.GetTimestamp();
            var last = i == tokens - 1 ? "\"length\"" : "null";
            var chunk = "data: {\"id\":\"cmpl-" + id.ToString(CultureInfo.InvariantCulture) + "\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"text\":\" the\",\"logprobs\":null,\"finish_reason\":" + last + "}]}\n\n";
            output.Write(Encoding.UTF8.GetBytes(chunk));
            await output.FlushAsync().ConfigureAwait(false);
        }

        var usage = "data: {\"id\":\"cmpl\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":" + (tokens + 1).ToString(CultureInfo.InvariantCulture) + ",\"completion_tokens\":" + tokens.ToString(CultureInfo.InvariantCulture) + "}}\n\ndata: [DONE]\n\n";
        output.Write(Encoding.UTF8.GetBytes(usage));
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the body (draining a large prompt) and returns N from <c>"prompt":"id=N ...</c>.</summary>
    private static async Task<int> ReadIdAsync(HttpRequest request)
    {
        var buffer = new byte[64 * 1024];
        var head = new StringBuilder();
        int read;
        while ((read = await request.Body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (head.Length < 256)
            {
                head.Append(Encoding.UTF8.GetString(buffer, 0, Math.Min(read, 256)));
            }
        }

        var text = head.ToString();
        var start = text.IndexOf("id=", StringComparison.Ordinal) + 3;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return int.Parse(text.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }
}
