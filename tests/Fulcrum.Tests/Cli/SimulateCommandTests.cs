using System.Text.Json;
using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Tests.Simulation;

namespace Fulcrum.Tests.Cli;

public class SimulateCommandTests
{
    private static readonly string[] Small = ["--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--max-model-len", "8192", "--num-prompts", "50"];

    [Fact]
    public void Simulate_PrintsSummaryTable()
    {
        var (code, output, error) = Run([.. Small, "--tp", "2", "--request-rate", "5"]);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("TTFT", output, StringComparison.Ordinal);
        Assert.Contains("TP2×PP1×DP4", output, StringComparison.Ordinal);
        Assert.Contains("Poisson at 5 req/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_JsonToStandardOutput()
    {
        var (code, output, _) = Run([.. Small, "--tp", "8", "--input-len", "512", "--output-len", "64", "--json", "-"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(50, root.GetProperty("completed").GetInt32());
        Assert.Equal(50 * 512, root.GetProperty("total_input_tokens").GetInt64());
        Assert.Equal(50 * 64, root.GetProperty("total_output_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("request_goodput").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("request_rate").ValueKind);
        Assert.True(root.GetProperty("mean_ttft_ms").GetDouble() > 0);
        Assert.Equal("vllm-v1", root.GetProperty("engine").GetProperty("batching_policy").GetString());
    }

    [Fact]
    public void SameSeed_SameJsonBytes()
    {
        var dir = Directory.CreateTempSubdirectory("fulcrum-sim-");
        try
        {
            string[] args = [.. Small, "--request-rate", "20", "--burstiness", "0.5", "--input-len-dist", "lognormal", "--input-len-std", "300", "--seed", "5"];
            var a = Path.Combine(dir.FullName, "a.json");
            var b = Path.Combine(dir.FullName, "b.json");
            var c = Path.Combine(dir.FullName, "c.json");
            Assert.Equal(0, Run([.. args, "--json", a]).ExitCode);
            Assert.Equal(0, Run([.. args, "--json", b]).ExitCode);
            Assert.Equal(0, Run([.. args[..^1], "6", "--json", c]).ExitCode);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
            Assert.Equal(3, dir.GetFiles().Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void TraceEvents_OpenAsChromeTrace()
    {
        var dir = Directory.CreateTempSubdirectory("fulcrum-sim-");
        try
        {
            var path = Path.Combine(dir.FullName, "trace.json");
            Assert.Equal(0, Run([.. Small, "--tp", "2", "--pp", "2", "--trace-events", path]).ExitCode);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name");
            var steps = events.Where(e => e.GetProperty("ph").GetString() == "X").ToList();
            Assert.Contains(steps, e => e.GetProperty("tid").GetInt32() == 1);
            Assert.Contains(steps, e => e.GetProperty("pid").GetInt32() == 1);
            Assert.Equal(50 * 3 * 2, events.Count(e => e.TryGetProperty("cat", out var cat) && cat.GetString() == "request"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Trace_ReplaysBuiltInByName()
    {
        var (code, output, error) = Run(["--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--max-model-len", "16384", "--trace", "azure-conv", "--num-prompts", "300", "--trace-time-scale", "0.1", "--json", "-"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(300, doc.RootElement.GetProperty("num_prompts").GetInt32());
        Assert.Equal("azure-conv", doc.RootElement.GetProperty("trace").GetString());
        Assert.Equal(300, doc.RootElement.GetProperty("completed").GetInt32());
    }

    [Theory]
    [InlineData("--tp", "3")]
    [InlineData("--tp", "4", "--dp", "4")]
    [InlineData("--request-rate", "-1")]
    [InlineData("--burstiness", "0", "--request-rate", "2")]
    [InlineData("--max-concurrency", "0")]
    [InlineData("--num-prompts", "-1")]
    [InlineData("--trace", "no-such-trace")]
    [InlineData("--trace", "azure-conv", "--input-len", "100")]
    [InlineData("--input-len-dist", "normal")]
    [InlineData("--input-len-dist", "poisson")]
    [InlineData("--output-len", "0")]
    [InlineData("--batching-policy", "fifo")]
    [InlineData("--router", "random")]
    [InlineData("--goodput", "ttft=5")]
    [InlineData("--long-prefill-token-threshold", "-4")]
    [InlineData("--max-long-partial-prefills", "0")]
    [InlineData("--json", "/etc/hostname/out.json")]
    [InlineData("--model", "Llama-3.1-405B", "--tp", "1")]
    public void Simulate_BadInputExitsTwo(params string[] extra)
    {
        var (code, _, error) = Run([.. Small, .. extra]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoChunkedPrefill_RequiresLargeBudget()
    {
        var (code, _, error) = Run(["--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--enable-chunked-prefill", "false"]);
        Assert.Equal(2, code);
        Assert.Contains("max-num-batched-tokens (8192) must be at least max-model-len (131072)", error, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI with <c>simulate</c> priced by the linear test double.</summary>
    internal static (int ExitCode, string Output, string Error) Run(string[] simulateArgs)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(
            ["simulate", .. simulateArgs],
            output,
            error,
            io => [SimulateCommand.Create(io, d => new LinearStepCostModel { Stages = d.Pp, PerContextTokenSeconds = 1e-7, TransferSecondsEach = 1e-4 })]);
        return (code, output.ToString(), error.ToString());
    }
}
