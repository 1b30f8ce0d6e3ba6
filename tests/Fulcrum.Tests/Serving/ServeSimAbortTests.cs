using System.Diagnostics;
using Fulcrum.Http.Serving;

namespace Fulcrum.Tests.Serving;

/// <summary>A client that hangs up aborts its simulated request, as vLLM aborts a request whose client disconnects.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimAbortTests
{
    [Fact]
    public async Task HangUp_AbortsSimulatedRequest()
    {
        await using var server = await TwinServer.StartAsync();

        // 2,000 output tokens take tens of seconds at 70B TP8 decode speed, so the request is mid-stream when the client leaves.
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "v1/completions"))
            {
                Content = new StringContent($$"""{"model":"{{TwinServer.Model}}","prompt":"the of and","max_tokens":2000,"stream":true}""", System.Text.Encoding.UTF8, "application/json"),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var events = 0;
            while (events < 3 && await reader.ReadLineAsync() is { } line)
            {
                events += line.StartsWith("data: {", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.Equal(3, events);
            Assert.True(await WaitForAsync(() => server.Engine.Outstanding == 1), $"outstanding {server.Engine.Outstanding} while streaming, expected 1");
            Assert.Equal(0, server.Engine.AbortedRequests);
        }

        // Disposing the unfinished response closed the connection.
        Assert.True(await WaitForAsync(() => server.Engine.Outstanding == 0), $"outstanding {server.Engine.Outstanding} after the client hung up, expected 0");
        Assert.Equal(1, server.Engine.AbortedRequests);
    }

    [Fact]
    public async Task FinishedRequest_IsNotAborted()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent($$"""{"model":"{{TwinServer.Model}}","prompt":"the of","max_tokens":3,"stream":true}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(server.Address, "v1/completions"), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.True(await WaitForAsync(() => server.Engine.Outstanding == 0));
        Assert.Equal(0, server.Engine.AbortedRequests);
    }

    /// <summary>Polls <paramref name="condition"/> every 10 ms for up to 10 s, since the engine publishes its counts from its own thread.</summary>
    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
