using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Fulcrum.Http.Serving;

namespace Fulcrum.Tests.Serving;

/// <summary>serve-sim's faults on <c>stream: false</c> requests, which get one JSON body instead of an event stream.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimWholeResponseTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri root, string? fault)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "v1/completions"))
        {
            Content = new StringContent($$"""{"model":"{{TwinServer.Model}}","prompt":"the of and","max_tokens":4,"stream":false}""", Encoding.UTF8, "application/json"),
        };
        if (fault is not null)
        {
            request.Headers.Add(Fault.Header, fault);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Empty_SendsNoTokens()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.Address, "empty");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("", document.RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ErrorEvent_Returns500()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.Address, "error-event:2");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("injected fault", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_ReturnsInvalidJson()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.Address, "malformed");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Drop_AbortsConnection()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(http, server.Address, "drop:2"));
    }

    [Fact]
    public async Task Stall_NeverAnswers()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };

        // HttpClient reports its own timeout as a TaskCanceledException.
        await Assert.ThrowsAsync<TaskCanceledException>(() => PostAsync(http, server.Address, "stall:1"));
    }

    [Fact]
    public async Task Slow_DelaysEachToken()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();
        var started = Stopwatch.GetTimestamp();

        using var response = await PostAsync(http, server.Address, "slow:400");

        // 4 tokens each held back 400 ms: at least 1.6 s, where the unfaulted request takes tens of milliseconds.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.6), "the slow fault did not delay the response");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, document.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task MissingModel_ServesTheOneModel()
    {
        await using var server = await TwinServer.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("""{"prompt":"the of and","max_tokens":2}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(server.Address, "v1/completions"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(TwinServer.Model, document.RootElement.GetProperty("model").GetString());
    }
}
