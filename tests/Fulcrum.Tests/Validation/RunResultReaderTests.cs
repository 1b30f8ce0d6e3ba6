using System.Text.Json;
using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Tests.Cli;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class RunResultReaderTests
{
    /// <summary>A <c>fulcrum simulate --json</c> result of 32 closed-loop requests of 512 in and 64 out on one H100.</summary>
    internal static readonly Lazy<string> SimulateResult = new(() =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fulcrum-simulate-").FullName, "sim.json");
        var (code, _, error) = CliRunner.Run(
            "simulate", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--tp", "1", "--weights", "fp8", "--kv-cache", "fp8",
            "--max-num-seqs", "16", "--num-prompts", "32", "--input-len", "512", "--output-len", "64", "--max-concurrency", "8", "--json", path);
        Assert.True(code == 0, error);
        return path;
    });

    /// <summary>The fields of a <c>fulcrum bench --json</c> result: no deployment, only the served model id.</summary>
    private const string BenchRun = """
        {"backend": "fulcrum-bench", "model_id": "meta-llama/Llama-3.1-70B-Instruct", "num_prompts": 300, "request_rate": 6.5, "burstiness": 0.5,
         "max_concurrency": null, "seed": 3, "workload": "300 requests, gamma at 6.5 req/s, burstiness 0.5, input 1024, output 128, seed 3",
         "completed": 300, "output_throughput": 812.5, "median_ttft_ms": 120.0, "p99_e2el_ms": 4200.0, "mean_itl_ms": null}
        """;

    [Fact]
    public void SimulateResult_BecomesOneMeasurementPerMetric()
    {
        var set = RunResultReader.ReadFile(SimulateResult.Value);
        Assert.Empty(set.Problems);

        // Three throughputs and mean, median, p90 and p99 of TTFT, TPOT, ITL and E2E latency.
        Assert.Equal(19, set.Rows.Count);
        var row = set.Rows.Single(r => r.Id == "sim.json#p99_e2el_ms");
        using var json = JsonDocument.Parse(File.ReadAllText(SimulateResult.Value));
        Assert.Equal(json.RootElement.GetProperty("p99_e2el_ms").GetDouble() / 1000, row.Value, 1e-12);
        Assert.Equal(("H100-SXM", "Llama-3.1-8B", "fp8", "fp8", 1), (row.Hardware, row.Model, row.WeightDtype, row.KvDtype, row.GpuCount));
        Assert.Equal((512, 64, "server", "p99"), (row.Isl!.Value, row.Osl!.Value, row.Scenario, row.Statistic));
        Assert.Equal(new RunSettings
        {
            NumPrompts = 32,
            MaxConcurrency = 8,
            MaxNumSeqs = 16,
            MaxNumBatchedTokens = 8192,
            MaxModelLength = 131072,
            BatchingPolicy = BatchingPolicy.VllmV1,
            ChunkedPrefill = true,
            GpuMemoryUtilization = 0.9,
        }, row.Run);
    }

    [Fact]
    public void SimulateResult_MapsToTheSameSimulation()
    {
        // Rebuilding the run and simulating it again gives back the value the file reports.
        var row = RunResultReader.ReadFile(SimulateResult.Value).Rows.Single(r => r.Metric == "output_tok_per_s");
        var c = MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason);
        Assert.True(c is not null, reason);
        Assert.Equal(32, c.Workload.Requests.Count);
        Assert.Equal(8, c.Workload.MaxConcurrency);
        Assert.Equal(row.Value, new SimulatorPredictor().Predict(c).Value!.Value, row.Value * 1e-9);
    }

    [Fact]
    public void BenchResult_TakesDeploymentFromDefaults()
    {
        var defaults = new RunDefaults { Accelerator = "MI300X", Tp = 4, Dp = 2, Weights = "fp8", KvCache = "fp8" };
        var set = RunResultReader.Parse(BenchRun, "runs/a.json", defaults);
        Assert.Empty(set.Problems);

        // mean_itl_ms is null, so it is not a measurement; p99_e2el_ms 4200 ms becomes 4.2 s.
        Assert.Equal(["output_tok_per_s", "ttft_ms", "e2e_latency_s"], set.Rows.Select(r => r.Metric));
        var e2e = set.Rows[2];
        Assert.Equal(4.2, e2e.Value, 1e-12);
        Assert.Equal((4, 1, 2, 8), (e2e.Tp, e2e.Pp, e2e.Dp, e2e.GpuCount));
        Assert.Equal("a.json (fulcrum-bench)", e2e.Source);

        // The served model id resolves to the catalog model once its organization is dropped.
        var c = MeasurementMapper.Map(e2e, HardwareCatalog.BuiltIn, out var reason);
        Assert.True(c is not null, reason);
        Assert.Equal("Llama-3.1-70B", c.Deployment.Model.Name);

        // A rate of 6.5 req/s puts the last of 300 requests at 300 / 6.5 s.
        Assert.Equal(300 / 6.5, c.Workload.Requests[^1].ArrivalSeconds, 1e-9);
    }

    [Fact]
    public void SweepArray_GivesEveryPoint()
    {
        var set = RunResultReader.Parse($"[{BenchRun}, {BenchRun.Replace("6.5", "9", StringComparison.Ordinal)}]", "sweep.json", new RunDefaults { Accelerator = "MI300X", Tp = 8 });
        Assert.Equal(6, set.Rows.Count);
        Assert.Equal("sweep.json[1]#output_throughput", set.Rows[3].Id);
        Assert.Equal(9, set.Rows[3].Run!.RequestRate);
    }

    [Theory]
    [InlineData("""{"model_id": "Llama-3.1-8B", "num_prompts": 10, "workload": "10 requests, all at once, input 10, output 10, seed 0", "output_throughput": 5}""", "missing accelerator")]
    [InlineData("""{"model_id": "Llama-3.1-8B", "accelerator": "H100-SXM", "num_prompts": 10, "workload": "10 requests, all at once, input uniform [1, 20], output 10, seed 0", "output_throughput": 5}""", "no fixed input and output lengths")]
    [InlineData("""{"model_id": "Llama-3.1-8B", "accelerator": "H100-SXM", "gpus": 8, "tp": 2, "num_prompts": 10, "workload": "10 requests, all at once, input 10, output 10, seed 0", "output_throughput": 5}""", "contradicts gpus 8")]
    [InlineData("""{"model_id": "Llama-3.1-8B", "accelerator": "H100-SXM", "num_prompts": 10, "workload": "10 requests, all at once, input 10, output 10, seed 0"}""", "reports none of the metrics")]
    [InlineData("""[1]""", "must be a JSON object")]
    public void UnusableRun_IsReportedAsProblem(string json, string expected)
    {
        var set = RunResultReader.Parse(json, "bad.json");
        Assert.Empty(set.Rows);
        var problem = Assert.Single(set.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains(expected, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJson_IsBadInput()
    {
        var e = Assert.Throws<InputException>(() => RunResultReader.Parse("{\"model_id\": ", "broken.json"));
        Assert.Contains("'broken.json' is not valid JSON", e.Message, StringComparison.Ordinal);
    }
}
