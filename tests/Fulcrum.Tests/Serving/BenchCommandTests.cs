using Fulcrum.Tests.Cli;
using Fulcrum.Tests.Http;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum bench's checks before measuring: each problem is bad input (exit 2) with the value and the fix.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class BenchCommandTests
{
    [Fact]
    public async Task Bench_RejectsUnservedModel()
    {
        await using var server = await TwinServer.StartAsync();
        var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.Address.AbsoluteUri, "--model-name", "gpt-x", "--num-prompts", "1"));
        Assert.Equal(2, code);
        Assert.Contains("--model-name gpt-x", error, StringComparison.Ordinal);
        Assert.Contains(TwinServer.Model, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_RejectsNonStreamingEndpoint()
    {
        await using var server = await ScriptedServer.StartAsync();
        var prompts = Path.GetTempFileName();
        try
        {
            // The scripted server answers this prompt with a plain JSON body instead of an event stream.
            File.WriteAllText(prompts, """{"prompt": "id=1 tokens=3 fault=json"}""" + "\n");
            var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.BaseAddress.AbsoluteUri, "--prompts", prompts, "--num-prompts", "1"));
            Assert.Equal(2, code);
            Assert.Contains("did not stream server-sent events", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(prompts);
        }
    }

    [Fact]
    public async Task Bench_DescribesPromptFileWorkload()
    {
        await using var server = await TwinServer.StartAsync();
        var prompts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(prompts, """{"prompt": "one two three", "max_tokens": 2}""" + "\n" + """{"prompt": "four five", "max_tokens": 3}""" + "\n");
            var (code, output, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.Address.AbsoluteUri, "--prompts", prompts, "--num-prompts", "3", "--json", "-"));

            Assert.True(code == 0, error);
            using var document = System.Text.Json.JsonDocument.Parse(output);
            var workload = document.RootElement.GetProperty("workload").GetString()!;
            Assert.Contains($"prompts from {Path.GetFileName(prompts)} (2 prompts sent in turn", workload, StringComparison.Ordinal);
            Assert.DoesNotContain("input 1024", workload, StringComparison.Ordinal);
            Assert.StartsWith("3 requests", workload, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(prompts);
        }
    }

    [Fact]
    public async Task Bench_NamesErrorKindsInSnakeCase()
    {
        await using var server = await ScriptedServer.StartAsync();
        var prompts = Path.GetTempFileName();
        try
        {
            // The first prompt serves the checked request and the warm-up; the second fails with an HTTP status.
            File.WriteAllText(prompts, """{"prompt": "id=1 tokens=2"}""" + "\n" + """{"prompt": "id=2 tokens=2 fault=status"}""" + "\n");
            var (code, output, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.BaseAddress.AbsoluteUri, "--prompts", prompts, "--num-prompts", "2"));

            Assert.True(code == 0, error);
            Assert.Contains("Errors: http_status 1", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(prompts);
        }
    }

    [Fact]
    public void Bench_RejectsUnreachableUrl()
    {
        // Port 9 (discard) on loopback: nothing listens there in the test environment, so the readiness check times out.
        var (code, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9", "--ready-timeout", "1", "--num-prompts", "1");
        Assert.Equal(2, code);
        Assert.Contains("--url http://127.0.0.1:9/", error, StringComparison.Ordinal);
        Assert.Contains("--ready-timeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_RejectsZeroPrompts()
    {
        var (code, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9", "--ready-timeout", "1", "--num-prompts", "0");
        Assert.Equal(2, code);
        Assert.Contains("--num-prompts must be at least 1; got 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_RejectsBothSweeps()
    {
        var (code, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9", "--sweep-rates", "1,2", "--sweep-concurrency", "1");
        Assert.Equal(2, code);
        Assert.Contains("--sweep-rates", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    public async Task Bench_RetriesCheckOnServerError(int busyRequests, int expectedCode)
    {
        // The checked request is tried three times while the server returns 503.
        await using var server = await ScriptedServer.StartAsync();
        var prompts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(prompts, $$"""{"prompt": "id=1 tokens=3 busy_until={{busyRequests}}"}""" + "\n");
            var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", server.BaseAddress.AbsoluteUri, "--prompts", prompts, "--num-prompts", "1", "--warmup", "0"));
            Assert.True(code == expectedCode, error);
            if (expectedCode == 2)
            {
                Assert.Contains("HTTP 503 in all 3 tries", error, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(prompts);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/v1", "http://127.0.0.1:9/")]
    [InlineData("http://127.0.0.1:9/api/v1/", "http://127.0.0.1:9/api/")]
    [InlineData("http://127.0.0.1:9/v1/completions", "http://127.0.0.1:9/")]
    [InlineData("http://127.0.0.1:9/v1/chat/completions", "http://127.0.0.1:9/")]
    public void Bench_RejectsUrlWithApiPath(string url, string root)
    {
        var (code, _, error) = CliRunner.Run("bench", "--url", url, "--num-prompts", "1");
        Assert.Equal(2, code);
        Assert.Contains("--url " + url, error, StringComparison.Ordinal);
        Assert.Contains("pass the server root, " + root, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_FailsFastOnWrongPathPrefix()
    {
        // No trailing slash: the prefix must still apply to the readiness routes, which then return 404 at once.
        await using var server = await TwinServer.StartAsync();
        var url = new Uri(server.Address, "prefix").AbsoluteUri;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = await Task.Run(() => CliRunner.Run("bench", "--url", url, "--num-prompts", "1", "--ready-timeout", "30"));
        Assert.Equal(2, code);
        Assert.Contains("/prefix/v1/models", error, StringComparison.Ordinal);
        Assert.Contains("404", error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}; a 404 should end the wait at once");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9", "h2", "unknown HTTP client")]
    [InlineData("https://127.0.0.1:9", "streaming", "--http-client dotnet")]
    public void Bench_RejectsHttpClient(string url, string client, string fix)
    {
        var (code, _, error) = CliRunner.Run("bench", "--url", url, "--http-client", client, "--num-prompts", "1");
        Assert.Equal(2, code);
        Assert.Contains("--http-client " + client, error, StringComparison.Ordinal);
        Assert.Contains(fix, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("streaming")]
    [InlineData("dotnet")]
    public async Task Bench_RunsWithEitherHttpClient(string client)
    {
        await using var server = await TwinServer.StartAsync();
        var (code, output, error) = await Task.Run(() => CliRunner.Run(
            "bench", "--url", server.Address.AbsoluteUri, "--http-client", client, "--input-len", "8", "--output-len", "3", "--num-prompts", "4", "--json", "-"));
        Assert.True(code == 0, error);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(4, document.RootElement.GetProperty("completed").GetInt32());
        Assert.Equal(12, document.RootElement.GetProperty("total_output_tokens").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, document.RootElement.GetProperty("client_gc_collections").ValueKind);
        Assert.Equal(client, document.RootElement.GetProperty("http_client").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, document.RootElement.GetProperty("mean_client_queue_time_ms").ValueKind);
        Assert.True(document.RootElement.GetProperty("client_gc_pause_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Bench_SweepWritesOneResultPerPoint()
    {
        await using var server = await TwinServer.StartAsync();
        var folder = Directory.CreateTempSubdirectory("fulcrum-sweep-").FullName;
        try
        {
            var json = Path.Combine(folder, "sweep.json");
            var records = Path.Combine(folder, "runs.jsonl");
            var (code, _, error) = await Task.Run(() => CliRunner.Run(
                "bench", "--url", server.Address.AbsoluteUri, "--input-len", "8", "--output-len", "2", "--num-prompts", "3",
                "--sweep-concurrency", "1,3", "--json", json, "--records", records));
            Assert.True(code == 0, error);
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
            var points = document.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, points.Count);
            Assert.Equal(1, points[0].GetProperty("max_concurrency").GetInt32());
            Assert.Equal(3, points[1].GetProperty("max_concurrency").GetInt32());
            Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "runs.concurrency-1.jsonl")).Length);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "runs.concurrency-3.jsonl")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
