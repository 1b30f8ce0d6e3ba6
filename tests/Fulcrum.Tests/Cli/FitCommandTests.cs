using System.Text.Json;

namespace Fulcrum.Tests.Cli;

public class FitCommandTests
{
    [Fact]
    public void Fit_DefaultRunsLlama70BOnMi300x()
    {
        var (code, output, _) = CliRunner.Run("fit");
        Assert.Equal(0, code);
        Assert.Contains("Llama-3.1-70B", output, StringComparison.Ordinal);
        Assert.Contains("MI300X", output, StringComparison.Ordinal);
        Assert.Contains("TP8×PP1×DP1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_JsonHasSnakeCaseUnits()
    {
        var (code, output, _) = CliRunner.Run("fit", "--model", "Llama-3.1-405B", "--gpu", "H100-SXM", "--weights", "fp8", "--max-model-len", "8192", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var tp8 = doc.RootElement.GetProperty("splits").EnumerateArray().First(s => s.GetProperty("tp").GetInt32() == 8 && s.GetProperty("dp").GetInt32() == 1);
        Assert.True(tp8.GetProperty("fits").GetBoolean());
        Assert.True(tp8.GetProperty("weights_bytes").GetInt64() > 50_000_000_000);
        Assert.True(tp8.GetProperty("kv_cache_tokens").GetInt64() > 0);
    }

    [Fact]
    public void Fit_405BVerdictsOnMi300xAndH100()
    {
        var mi300x = CliRunner.Run("fit", "-m", "Llama-3.1-405B", "-g", "MI300X", "--json");
        var h100 = CliRunner.Run("fit", "-m", "Llama-3.1-405B", "-g", "H100-SXM", "--json");
        Assert.True(Tp8Fits(mi300x.Output));
        Assert.False(Tp8Fits(h100.Output));
    }

    [Theory]
    [InlineData("fit", "--model", "no-such-model")]
    [InlineData("fit", "--gpu", "H1000")]
    [InlineData("fit", "--gpus", "0")]
    [InlineData("fit", "--gpu-memory-utilization", "1.5")]
    [InlineData("fit", "--weights", "fp3")]
    [InlineData("fit", "--max-model-len", "999999")]
    [InlineData("fit", "--unknown-flag")]
    [InlineData("fit", "--model", "/no/such/config.json")]
    public void Fit_BadInputExitsTwo(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_JsonListsCatalog()
    {
        var (code, output, _) = CliRunner.Run("models", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(8, doc.RootElement.GetArrayLength());
        Assert.Equal(8_030_261_248, doc.RootElement[0].GetProperty("parameters_total").GetInt64());
    }

    [Fact]
    public void Hardware_TableListsAccelerators()
    {
        var (code, output, _) = CliRunner.Run("hardware");
        Assert.Equal(0, code);
        Assert.Contains("MI355X", output, StringComparison.Ordinal);
        Assert.Contains("B200", output, StringComparison.Ordinal);
    }

    private static bool Tp8Fits(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("splits").EnumerateArray()
            .First(s => s.GetProperty("tp").GetInt32() == 8).GetProperty("fits").GetBoolean();
    }
}
