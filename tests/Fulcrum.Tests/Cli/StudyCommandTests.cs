using System.Text.Json;

namespace Fulcrum.Tests.Cli;

public sealed class StudyCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-study-cli-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Study_WritesReportAndSummary()
    {
        var output = Path.Combine(folder.FullName, "out");

        var (code, text, error) = CliRunner.Run(
            "study", "--model", "Llama-3.2-1B", "--input-lens", "128,1024", "--output-lens", "16", "--batch-sizes", "1", "8", "--workloads", "none", "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("Studied Llama-3.2-1B bf16 (10 splits) on 8× MI300X", text);
        Assert.Contains("Published trade-off", text);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));

        // 10 splits × 2 inputs × 1 output × 2 batches, plus the header.
        Assert.Equal(41, File.ReadAllLines(Path.Combine(output, "study-grid.csv")).Length);
    }

    [Fact]
    public void Study_JsonHasPointsAndFindings()
    {
        var output = Path.Combine(folder.FullName, "out");

        var (code, text, error) = CliRunner.Run(
            "study", "-m", "Llama-3.2-1B", "--gpu", "H100-SXM", "--gpus", "4", "--input-lens", "256", "--output-lens", "8", "--batch-sizes", "1,4",
            "--workloads", "chat", "--num-prompts", "20", "--out", output, "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(text);
        var model = json.RootElement.GetProperty("models")[0];
        Assert.Equal("H100-SXM", json.RootElement.GetProperty("accelerator").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("gpus").GetInt32());

        // 4 GPUs split 6 ways (TP×PP×DP = 4), each at 1 input × 1 output × 2 batches.
        Assert.Equal(6 * 2, model.GetProperty("points").GetArrayLength());
        Assert.Equal(6, model.GetProperty("online").GetArrayLength());
        Assert.True(model.GetProperty("findings").GetArrayLength() > 10);
        Assert.True(model.GetProperty("points")[0].GetProperty("ttft_mean_ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("unknown model", "--model", "Llama-9-1T")]
    [InlineData("--input-lens is empty", "--input-lens", ",")]
    [InlineData("--output-lens contains 0", "--output-lens", "0")]
    [InlineData("--batch-sizes contains 'four'", "--batch-sizes", "four")]
    [InlineData("--workloads 'poetry' is unknown", "--workloads", "poetry")]
    [InlineData("Unknown SLA preset 'fast'", "--sla", "fast")]
    [InlineData("--num-prompts must be at least 10", "--num-prompts", "3")]
    [InlineData("exceeds Llama-3.1-70B's max_position_embeddings", "--input-lens", "200000")]
    [InlineData("Unknown weight precision 'fp4'", "--weights", "fp4")]
    public void Study_BadInputExitsWith2(string message, string option, string value)
    {
        var output = Path.Combine(folder.FullName, "out");

        var (code, _, error) = CliRunner.Run("study", option, value, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Study_ModelThatFitsNowhereExitsWith2()
    {
        var (code, _, error) = CliRunner.Run("study", "--model", "Llama-3.1-405B", "--gpu", "H100-SXM", "--gpus", "2", "--out", Path.Combine(folder.FullName, "out"));

        Assert.Equal(2, code);
        Assert.Contains("Llama-3.1-405B fits no split of 2× H100-SXM in bf16 or fp8", error);
    }

    [Fact]
    public void Study_OutIntoFileExitsWith2()
    {
        var file = Path.Combine(folder.FullName, "taken");
        File.WriteAllText(file, "x");

        var (code, _, error) = CliRunner.Run(
            "study", "--model", "Llama-3.2-1B", "--input-lens", "128", "--output-lens", "4", "--batch-sizes", "1", "--workloads", "none", "--out", file);

        Assert.Equal(2, code);
        Assert.Contains("it is a file", error);
        Assert.Equal("x", File.ReadAllText(file));
    }
}
