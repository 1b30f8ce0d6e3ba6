using System.Text.Json;

namespace Fulcrum.Tests.Cli;

public class ValidateCommandTests
{
    internal const string Header = "id,source_url,source_title,date,hardware,gpu_count,interconnect,engine,engine_version,model,weight_dtype,kv_dtype,tp,pp,dp,isl,osl,batch_or_concurrency,request_rate,scenario,metric,statistic,value,notes";

    [Fact]
    public void Validate_WritesMarkdownAndJson()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-validate-").FullName;
        var csv = Path.Combine(folder, "m.csv");
        File.WriteAllText(csv, Header + "\n"
            + "X1,https://example.org,Example,,AMD Instinct MI300X,8,,vLLM,0.10.1,Llama-3.1-70B,fp8,fp8,8,1,1,128,128,4,,latency,e2e_latency_s,mean,2.0,\n"
            + "X2,https://example.org,Example,,AMD Instinct MI300X,8,,vLLM,0.10.1,Llama-3.1-70B,fp8,fp8,8,1,1,128,128,\"64 prompts, max-num-seqs 32\",inf,offline,output_tok_per_s,aggregate,5000,\n");
        var markdown = Path.Combine(folder, "VALIDATION.md");
        var json = Path.Combine(folder, "validation.json");
        var (code, output, _) = CliRunner.Run("validate", "--measurements", csv, "--output", markdown, "--json-output", json);

        Assert.Equal(0, code);
        Assert.Contains("MI300X", output, StringComparison.Ordinal);
        Assert.StartsWith("# Validation against published measurements", File.ReadAllText(markdown), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var overall = doc.RootElement.GetProperty("overall");
        Assert.Equal(2, overall.GetProperty("rows_priced").GetInt32());
        Assert.True(overall.GetProperty("median_abs_error").GetDouble() > 0);
        Assert.Equal("offline", doc.RootElement.GetProperty("rows")[1].GetProperty("scenario").GetString());
        Assert.Equal(64, doc.RootElement.GetProperty("rows")[1].GetProperty("simulated_requests").GetInt32());
        Assert.True(doc.RootElement.GetProperty("cross_validation").GetArrayLength() > 0);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Validate_ProfileFileReplacesItsAccelerator()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-validate-").FullName;
        var csv = Path.Combine(folder, "m.csv");
        File.WriteAllText(csv, Header + "\nX1,https://example.org,Example,,AMD Instinct MI300X,8,,vLLM,0.10.1,Llama-3.1-70B,fp8,fp8,8,1,1,128,128,4,,latency,e2e_latency_s,mean,2.0,\n");
        var slow = Path.Combine(folder, "slow.json");
        File.WriteAllText(slow, """{"schema_version": 1, "name": "slow", "base": "mi300x", "hbm_bandwidth_fraction": 0.4}""");

        double Predicted(params string[] extra)
        {
            var json = Path.Combine(folder, "v.json");
            var (code, _, error) = CliRunner.Run(["validate", "--measurements", csv, "--output", Path.Combine(folder, "v.md"), "--json-output", json, .. extra]);
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            return doc.RootElement.GetProperty("rows")[0].GetProperty("predicted_value").GetDouble();
        }

        // Halving the HBM fraction doubles the weight reads of each decode step: about 8.8 GB of fp8 weights per GPU
        // take 2.1 ms at 0.8 × 5.3 TB/s and 4.2 ms at 0.4, so a step of about 7.4 ms grows by more than 20%.
        Assert.True(Predicted("--profile", slow) > 1.2 * Predicted("--datasheet-profiles"));
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
    [InlineData("Cannot read profile file", "validate", "--profile", "/no/such/profile.json", "--output", "/tmp/fulcrum-unused.md", "--json-output", "/tmp/fulcrum-unused.json")]
    public void Validate_BadInputExitsTwo(string expected, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
