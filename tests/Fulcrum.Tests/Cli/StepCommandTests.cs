using System.Text.Json;

namespace Fulcrum.Tests.Cli;

public class StepCommandTests
{
    [Fact]
    public void Step_DefaultIsBatchOneDecode()
    {
        var (code, output, _) = CliRunner.Run("step");
        Assert.Equal(0, code);
        Assert.Contains("decode of 1 sequence(s) at context 1024", output, StringComparison.Ordinal);
        Assert.Contains("GEMM, memory-bound", output, StringComparison.Ordinal);
        Assert.Contains("Dominant bound", output, StringComparison.Ordinal);
        Assert.Contains("Profile: MI300X", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_JsonHasStagesSharesAndWork()
    {
        var (code, output, _) = CliRunner.Run("step", "--tp", "4", "--pp", "2", "--batch", "32", "--context", "2048", "--prefill", "1024", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("stages").GetArrayLength());
        Assert.Equal(32 + 1024, root.GetProperty("batch").GetProperty("tokens").GetInt64());
        Assert.Equal(33, root.GetProperty("batch").GetProperty("sampled_tokens").GetInt32());

        var stages = root.GetProperty("stages").EnumerateArray().ToList();
        var sum = stages.Sum(s => s.GetProperty("total_s").GetDouble());
        Assert.Equal(sum, root.GetProperty("step_s").GetDouble(), 1e-12);
        foreach (var stage in stages)
        {
            var shares = stage.GetProperty("share").EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.Equal(1.0, shares, 1e-9);
            Assert.True(stage.GetProperty("work").GetProperty("gemm_flops").GetDouble() > 0);
        }

        Assert.True(stages[0].GetProperty("seconds").GetProperty("point_to_point").GetDouble() > 0);
        Assert.Equal(0, stages[1].GetProperty("seconds").GetProperty("point_to_point").GetDouble());

        // Hidden states and residual of 1,056 tokens: 2 · 1056 · 8192 · 2 bytes.
        Assert.Equal(34_603_008, stages[0].GetProperty("work").GetProperty("transfer_bytes").GetDouble());
    }

    [Fact]
    public void Step_PrefillOnlyHasNoDecode()
    {
        var (code, output, _) = CliRunner.Run("step", "--prefill", "8192", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--tp", "1", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var batch = doc.RootElement.GetProperty("batch");
        Assert.Equal(0, batch.GetProperty("decode_sequences").GetInt32());
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("decode_context_tokens").ValueKind);
        Assert.Equal("compute", doc.RootElement.GetProperty("dominant_bound").GetString());
    }

    [Fact]
    public void Step_UserProfileChangesTheTime()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-step-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"schema_version": 1, "name": "slow", "base": "mi300x", "hbm_bandwidth_fraction": 0.4}""");
        var fast = JsonDocument.Parse(CliRunner.Run("step", "--json").Output);
        var slow = JsonDocument.Parse(CliRunner.Run("step", "--json", "--profile", path).Output);
        Assert.Equal("slow", slow.RootElement.GetProperty("profile").GetProperty("name").GetString());
        Assert.True(slow.RootElement.GetProperty("step_s").GetDouble() > fast.RootElement.GetProperty("step_s").GetDouble());
    }

    [Theory]
    [InlineData("--batch 0 leaves the step without decode tokens", "step", "--batch", "0")]
    [InlineData("--context 200000 exceeds max-model-len 131072", "step", "--context", "200000")]
    [InlineData("--prefill 0 must be at least 1", "step", "--prefill", "0")]
    [InlineData("more than --max-num-batched-tokens 8192", "step", "--prefill", "9000")]
    [InlineData("more than --max-num-seqs 256", "step", "--batch", "300")]
    [InlineData("does not fit", "step", "--model", "Llama-3.1-405B", "--gpu", "H100-SXM", "--max-model-len", "8192")]
    [InlineData("does not divide the 64 attention heads", "step", "--tp", "3")]
    [InlineData("KV blocks", "step", "--model", "Llama-3.1-405B", "--gpu", "H100-SXM", "--weights", "fp8", "--batch", "256", "--context", "131072")]
    [InlineData("Cannot read profile file", "step", "--profile", "/no/such/profile.json")]
    public void Step_BadInputExitsTwo(string expected, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
