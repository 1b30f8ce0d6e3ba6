using System.Text.Json;
using Fulcrum.Performance.Profiles;

namespace Fulcrum.Tests.Cli;

public class CalibrateCommandTests
{
    /// <summary>Six MI300X rows from two sources, small enough to fit in seconds, and one row the reader rejects.</summary>
    private static string WriteMeasurements(string folder)
    {
        var path = Path.Combine(folder, "m.csv");
        string Row(string id, string source, int batch, int isl, int osl, double seconds) =>
            $"{id},https://example.org/{source},{source},,AMD Instinct MI300X,8,,vLLM,0.10.1,Llama-3.1-8B,fp8,fp8,8,1,1,{isl},{osl},{batch},,latency,e2e_latency_s,mean,{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},\n";
        File.WriteAllText(path, ValidateCommandTests.Header + "\n"
            + Row("A1", "first", 1, 128, 64, 0.9) + Row("A2", "first", 32, 128, 64, 1.1) + Row("A3", "first", 8, 2048, 32, 0.8)
            + Row("B1", "second", 1, 256, 64, 0.95) + Row("B2", "second", 64, 256, 32, 0.9) + Row("B3", "second", 4, 4096, 16, 0.7)
            + "C1,https://example.org/x,x,,AMD Instinct MI300X,8,,vLLM,0.10.1,Llama-3.1-8B,fp8,fp8,8,1,2,128,64,1,,latency,e2e_latency_s,mean,1.0,\n");
        return path;
    }

    [Fact]
    public void Calibrate_WritesProfileAndFitRecords()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-calibrate-").FullName;
        var csv = WriteMeasurements(folder);
        var profile = Path.Combine(folder, "mi300x.fitted.json");
        var report = Path.Combine(folder, "fit.md");
        var json = Path.Combine(folder, "fit.json");
        var (code, output, error) = CliRunner.Run("calibrate", "--gpu", "MI300X", "--measurements", csv, "--out", profile, "--report", report, "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("Cross-validated", output, StringComparison.Ordinal);
        var fitted = HardwareProfiles.Load(profile);
        Assert.Equal("MI300X", fitted.Accelerator);
        Assert.Equal("6", fitted.Calibration["rows"]);
        Assert.Contains("Fitted by fulcrum calibrate to 6 measurements", fitted.Sources["hbm_bandwidth_fraction"], StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("folds").GetArrayLength());
        Assert.Equal(6, root.GetProperty("rows").GetArrayLength());
        Assert.All(root.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Number, r.GetProperty("cross_validated").ValueKind));

        // The row with tp × pp × dp = 16 on 8 GPUs is reported with its line and reason.
        var markdown = File.ReadAllText(report);
        Assert.Contains("| 8 | C1 | rejected by the reader: tp × pp × dp = 8 × 1 × 2 = 16 contradicts gpu_count 8 |", markdown, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void NonConvergence_KeepsPreviousProfile()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-calibrate-").FullName;
        var csv = WriteMeasurements(folder);
        var profile = Path.Combine(folder, "kept.json");
        const string previous = "{\"schema_version\": 1, \"name\": \"previous\", \"base\": \"mi300x\"}\n";
        File.WriteAllText(profile, previous);

        var (code, _, error) = CliRunner.Run("calibrate", "--gpu", "MI300X", "--measurements", csv, "--out", profile, "--max-iterations", "1", "--no-cross-validation");

        Assert.Equal(1, code);
        Assert.Contains("did not converge", error, StringComparison.Ordinal);
        Assert.Equal(previous, File.ReadAllText(profile));
    }

    [Fact]
    public void SimulateResult_FitsItsOwnProfile()
    {
        // A run simulated with the H100 datasheet profile is rebuilt and predicted by that same profile, so every row
        // starts with no error and the fit has nothing to move.
        var folder = Directory.CreateTempSubdirectory("fulcrum-calibrate-").FullName;
        var json = Path.Combine(folder, "fit.json");
        var (code, _, error) = CliRunner.Run("calibrate", "--gpu", "H100-SXM", "--bench-results", Validation.RunResultReaderTests.SimulateResult.Value, "--out", Path.Combine(folder, "p.json"), "--json", json);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("rows");
        Assert.Equal(19, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(r.GetProperty("measured_value").GetDouble(), r.GetProperty("before").GetDouble(), r.GetProperty("measured_value").GetDouble() * 1e-6));

        // One source only, so there is nothing to cross-validate against.
        Assert.Equal(0, doc.RootElement.GetProperty("folds").GetArrayLength());
    }

    [Fact]
    public void BenchResult_NeedsItsDeployment()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-calibrate-").FullName;
        var result = Path.Combine(folder, "bench.json");
        File.WriteAllText(result, """
            {"backend": "fulcrum-bench", "model_id": "served-model", "num_prompts": 16, "request_rate": null, "max_concurrency": 4,
             "workload": "16 requests, all at once, input 256, output 32, at most 4 outstanding, seed 0",
             "completed": 16, "output_throughput": 700.0, "mean_ttft_ms": 40.0, "mean_tpot_ms": 8.0}
            """);

        // Without --model the served id is not a catalog model, so nothing can be fitted.
        var (code, _, error) = CliRunner.Run("calibrate", "--gpu", "H100-SXM", "--bench-results", result, "--out", Path.Combine(folder, "p.json"));
        Assert.Equal(2, code);
        Assert.Contains("No measurement of H100-SXM can be simulated", error, StringComparison.Ordinal);

        var json = Path.Combine(folder, "fit.json");
        (code, _, error) = CliRunner.Run("calibrate", "--gpu", "H100-SXM", "--bench-results", result, "--model", "Llama-3.1-8B", "--weights", "fp8", "--out", Path.Combine(folder, "p.json"), "--json", json);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData("Unknown accelerator", "calibrate", "--gpu", "TPU9")]
    [InlineData("Cannot read measurement file", "calibrate", "--gpu", "MI300X", "--measurements", "/no/such/file.csv")]
    [InlineData("Cannot read result file", "calibrate", "--gpu", "MI300X", "--bench-results", "/no/such/run.json")]
    [InlineData("--tp must be at least 1", "calibrate", "--gpu", "MI300X", "--tp", "0")]
    [InlineData("--folds must be at least 2", "calibrate", "--gpu", "MI300X", "--folds", "1")]
    [InlineData("--max-iterations must be at least 1", "calibrate", "--gpu", "MI300X", "--max-iterations", "0")]
    [InlineData("does not exist", "calibrate", "--gpu", "MI300X", "--out", "/no/such/folder/p.json")]
    [InlineData("No measurement of B200 can be simulated", "calibrate", "--gpu", "B200", "--no-cross-validation")]
    [InlineData("Option '--gpu' is required", "calibrate")]
    public void Calibrate_BadInputExitsTwo(string expected, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
