using System.Text.Json;

namespace Fulcrum.Tests.Cli;

public class ValidateCommandTests
{
    [Fact]
    public void Validate_WritesMarkdownAndJson()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-validate-").FullName;
        var markdown = Path.Combine(folder, "VALIDATION.md");
        var json = Path.Combine(folder, "validation.json");
        var (code, output, _) = CliRunner.Run("validate", "--output", markdown, "--json-output", json);

        Assert.Equal(0, code);
        Assert.Contains("MI300X", output, StringComparison.Ordinal);
        Assert.StartsWith("# Validation against published measurements", File.ReadAllText(markdown), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var overall = doc.RootElement.GetProperty("overall");
        Assert.True(overall.GetProperty("rows_priced").GetInt32() > 0);
        Assert.True(overall.GetProperty("median_abs_error").GetDouble() > 0);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Validate_ReadsUserMeasurementFile()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-validate-").FullName;
        var csv = Path.Combine(folder, "m.csv");
        File.WriteAllText(csv, "id,source_url,source_title,date,hardware,gpu_count,interconnect,engine,engine_version,model,weight_dtype,kv_dtype,tp,pp,dp,isl,osl,batch_or_concurrency,request_rate,scenario,metric,statistic,value,notes\n"
            + "X1,https://example.org,Example,,NVIDIA H100 SXM 80GB,8,,vLLM,,Llama-3.1-70B,bf16,bf16,8,1,1,128,128,1,,latency,e2e_latency_s,mean,2.0,\n");
        var markdown = Path.Combine(folder, "v.md");
        var (code, _, _) = CliRunner.Run("validate", "--measurements", csv, "--output", markdown, "--json-output", Path.Combine(folder, "v.json"));
        Assert.Equal(0, code);
        Assert.Contains("| X1 |", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("does not exist", "validate", "--output", "/no/such/folder/VALIDATION.md", "--json-output", "/tmp/fulcrum-unused.json")]
    [InlineData("Cannot read measurement file", "validate", "--measurements", "/no/such/file.csv", "--output", "/tmp/fulcrum-unused.md", "--json-output", "/tmp/fulcrum-unused.json")]
    public void Validate_BadInputExitsTwo(string expected, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
