using System.Text.Json;
using Fulcrum.Tests.Reports;

namespace Fulcrum.Tests.Cli;

public class PlanCommandTests
{
    // A small plan keeps the test quick: Llama-3.1-8B on 4× H100, one cap pair, 200 requests per run.
    private static readonly string[] SmallPlan =
    [
        "plan", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "4", "--max-model-len", "8192",
        "--max-num-seqs-grid", "128", "--max-num-batched-tokens-grid", "4096", "--num-prompts", "200", "--sla", "chat",
    ];

    [Fact]
    public void Plan_JsonNamesTheThreeConfigurations()
    {
        var (code, output, error) = CliRunner.Run([.. SmallPlan, "--json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var configurations = root.GetProperty("configurations");

        // 4 GPUs split as TP×PP×DP: 4×1×1, 2×2×1, 1×4×1, 2×1×2, 1×2×2, 1×1×4.
        Assert.Equal(6, configurations.GetArrayLength());
        Assert.Equal(JsonValueKind.String, root.GetProperty("recommended").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("lowest_latency").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("highest_throughput").ValueKind);
        Assert.True(root.GetProperty("interactivity_frontier").GetArrayLength() > 0);
        Assert.Contains(root.GetProperty("explanations").EnumerateArray(), e => e.GetProperty("role").GetString() == "recommended");
    }

    [Fact]
    public void Plan_WritesReportThatRendersInChromium()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fulcrum-plan-{Guid.NewGuid():N}");
        try
        {
            var (code, output, error) = CliRunner.Run([.. SmallPlan, "--out", folder]);
            Assert.True(code == 0, error);
            Assert.Contains("Report written to", output, StringComparison.Ordinal);
            foreach (var name in Fulcrum.Reports.Planning.PlanReport.FileNames)
            {
                Assert.True(File.Exists(Path.Combine(folder, name)), $"{name} missing");
            }

            var dom = HeadlessChromium.DumpDom(Path.Combine(folder, "plan.html"));
            foreach (var id in new[] { "inputs", "answer", "charts", "configurations" })
            {
                Assert.Contains($"id=\"{id}\"", dom, StringComparison.Ordinal);
            }

            Assert.Equal(4, CountOf(dom, "<img"));
            Assert.Contains("Recommended", dom, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--sla", "fastest")]
    [InlineData("--slo", "ttft:p99")]
    [InlineData("--trace", "no-such-trace")]
    [InlineData("--max-num-seqs-grid", "0")]
    [InlineData("--request-rate", "-1")]
    [InlineData("--chunked-prefill", "maybe")]
    public void Plan_BadInputExitsTwo(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("plan", "--model", "Llama-3.1-8B", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NothingFitsExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("plan", "--model", "Llama-3.1-405B", "--gpu", "A100", "--gpus", "2");
        Assert.Equal(2, code);
        Assert.Contains("fits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ImpossibleSlaStillAnswers()
    {
        var (code, output, error) = CliRunner.Run([.. SmallPlan, "--slo", "ttft:p99:1", "--json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("recommended").ValueKind);
        Assert.True(doc.RootElement.GetProperty("nearest").GetArrayLength() > 0);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Plan_BadOutputPathsFailBeforeRunning()
    {
        var file = Path.GetTempFileName();
        try
        {
            foreach (var args in new[] { new[] { "--out", file }, ["--json", Path.Combine(file, "x.json")], ["--csv", Path.GetTempPath()] })
            {
                var (code, output, error) = CliRunner.Run([.. SmallPlan, .. args]);
                Assert.Equal(2, code);
                Assert.StartsWith("error:", error, StringComparison.Ordinal);
                Assert.DoesNotContain("simulated runs", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
