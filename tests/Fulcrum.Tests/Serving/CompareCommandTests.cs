using System.Text.Json;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum compare on small hand-written result files.</summary>
public class CompareCommandTests
{
    private const string Workload = "\"num_prompts\": 10, \"request_rate\": null, \"burstiness\": null, \"max_concurrency\": 1, \"workload\": \"10 requests\"";

    [Fact]
    public void Compare_WritesRelativeErrors()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 110, "request_throughput": 4.5, "mean_tpot_ms": null }""");
        var measured = files.Write("m.json", $$"""{ {{Workload}}, "mean_ttft_ms": 100, "request_throughput": 5, "mean_tpot_ms": 20 }""");
        var markdown = files.Path("c.md");
        var json = files.Path("c.json");

        var (code, _, error) = CliRunner.Run("compare", predicted, measured, "--out", markdown, "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var metrics = document.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        // (110 - 100) / 100 = +0.10; (4.5 - 5) / 5 = -0.10; a missing prediction has no error.
        Assert.Equal(0.10, metrics["mean_ttft_ms"].GetProperty("relative_error").GetDouble(), 12);
        Assert.Equal(-0.10, metrics["request_throughput"].GetProperty("relative_error").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, metrics["mean_tpot_ms"].GetProperty("relative_error").ValueKind);
        Assert.DoesNotContain("p99_itl_ms", metrics.Keys);
        Assert.Contains("| mean_ttft_ms | 110 | 100 | +10.0% |", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RejectsDifferentWorkloads()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 1, "request_throughput": 1 }""");
        var measured = files.Write("m.json", $$"""{ {{Workload.Replace("\"max_concurrency\": 1", "\"max_concurrency\": 8", StringComparison.Ordinal)}}, "mean_ttft_ms": 1, "request_throughput": 1 }""");
        var json = files.Path("c.json");

        var (code, _, error) = CliRunner.Run("compare", predicted, measured, "--json", json);

        Assert.Equal(2, code);
        Assert.Contains("max_concurrency", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Compare_RejectsPromptFileRun()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 1, "request_throughput": 1 }""");
        var measured = files.Write("m.json", $$"""{ {{Workload}}, "prompts_from_file": true, "mean_ttft_ms": 1, "request_throughput": 1 }""");

        var (code, _, error) = CliRunner.Run("compare", predicted, measured);

        Assert.Equal(2, code);
        Assert.Contains("--prompts file", error, StringComparison.Ordinal);
        Assert.Contains("--allow-mismatch", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WarnsOfInterruptedRun()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 110, "request_throughput": 1 }""");
        var measured = files.Write("m.json",
            $$"""{ {{Workload}}, "interrupted": true, "stop_reason": "failure_threshold", "sent_requests": 4, "completed": 1, "mean_ttft_ms": 100, "request_throughput": 1 }""");
        var markdown = files.Path("c.md");
        var json = files.Path("c.json");

        var (code, _, error) = CliRunner.Run("compare", predicted, measured, "--out", markdown, "--json", json);

        Assert.True(code == 0, error);
        const string expected = "stopped when failures passed --max-failures: 4 of 10 planned requests were sent and 1 completed";
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(expected, File.ReadAllText(markdown), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var warning = Assert.Single(document.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Contains(expected, warning.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_CompleteRunHasNoWarnings()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 110, "request_throughput": 1 }""");
        var measured = files.Write("m.json", $$"""{ {{Workload}}, "interrupted": false, "mean_ttft_ms": 100, "request_throughput": 1 }""");

        var (code, output, error) = CliRunner.Run("compare", predicted, measured, "--json", "-");

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        Assert.Empty(document.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NamesMissingMeasured()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", $$"""{ {{Workload}}, "mean_ttft_ms": 1, "request_throughput": 1 }""");

        var (code, _, error) = CliRunner.Run("compare", predicted);

        Assert.Equal(2, code);
        Assert.Contains("MEASURED is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SaysMissingFileDoesNotExist()
    {
        using var files = new TempFiles();
        var measured = files.Write("m.json", $$"""{ {{Workload}}, "mean_ttft_ms": 1, "request_throughput": 1 }""");

        var (code, _, error) = CliRunner.Run("compare", files.Path("nope.json"), measured);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("as JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RejectsNonResultFile()
    {
        using var files = new TempFiles();
        var predicted = files.Write("p.json", "[{}]");
        var (code, _, error) = CliRunner.Run("compare", predicted, predicted);
        Assert.Equal(2, code);
        Assert.Contains("sweep", error, StringComparison.Ordinal);
    }

    private sealed class TempFiles : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("fulcrum-compare-").FullName;

        public string Path(string name) => System.IO.Path.Combine(folder, name);

        public string Write(string name, string text)
        {
            File.WriteAllText(Path(name), text);
            return Path(name);
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}
