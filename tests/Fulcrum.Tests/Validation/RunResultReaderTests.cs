using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class RunResultReaderTests
{
    private const string Result = """
        {
          "deployment": {"model": "Llama-3.1-70B", "accelerator": "MI300X", "gpus": 8, "tp": 4, "pp": 1, "dp": 2, "weights": "fp8", "kv_cache": "fp8",
                         "engine": "vLLM", "engine_version": "0.11.1", "max_num_seqs": 128, "batching_policy": "vllm_v1"},
          "workload": {"num_prompts": 300, "input_len": 1024, "output_len": 128, "request_rate": 6.5, "burstiness": 0.5, "seed": 3},
          "metrics": {"completed": 300, "output_throughput": 812.5, "median_ttft_ms": 120.0, "p99_e2el_ms": 4200.0, "mean_itl_ms": 0}
        }
        """;

    [Fact]
    public void Result_BecomesOneMeasurementPerMetric()
    {
        var set = RunResultReader.Parse(Result, "runs/a.json");
        Assert.Empty(set.Problems);

        // mean_itl_ms is 0, so it is not a measurement; p99_e2el_ms 4200 ms becomes 4.2 s.
        Assert.Equal(["output_tok_per_s", "ttft_ms", "e2e_latency_s"], set.Rows.Select(r => r.Metric));
        var e2e = set.Rows[2];
        Assert.Equal(4.2, e2e.Value, 1e-12);
        Assert.Equal("p99", e2e.Statistic);
        Assert.Equal("server", e2e.Scenario);
        Assert.Equal("a.json#p99_e2el_ms", e2e.Id);
        Assert.Equal("a.json", e2e.Source);
        Assert.Equal((4, 1, 2, 8), (e2e.Tp, e2e.Pp, e2e.Dp, e2e.GpuCount));
        Assert.Equal(new RunSettings { NumPrompts = 300, RequestRate = 6.5, Burstiness = 0.5, MaxNumSeqs = 128, BatchingPolicy = BatchingPolicy.VllmV1, Seed = 3 }, e2e.Run);
    }

    [Fact]
    public void Result_MapsToItsOwnRun()
    {
        var row = RunResultReader.Parse(Result, "runs/a.json").Rows[0];
        var c = MeasurementMapper.Map(row, Fulcrum.Specs.Hardware.HardwareCatalog.BuiltIn, out var reason);
        Assert.True(c is not null, reason);
        Assert.Equal(300, c.Workload.Requests.Count);
        Assert.Equal(128, c.Deployment.Engine.MaxNumSeqs);
        Assert.Equal(2, c.Deployment.Dp);

        // A rate of 6.5 req/s puts the last of 300 requests at 300 / 6.5 s.
        Assert.Equal(300 / 6.5, c.Workload.Requests[^1].ArrivalSeconds, 1e-9);
    }

    [Theory]
    [InlineData("""{"workload": {}}""", "needs 'deployment' and 'workload' objects")]
    [InlineData("""{"deployment": {"model": "Llama-3.1-8B", "accelerator": "H100-SXM"}, "workload": {"num_prompts": 10, "input_len": "random"}}""", "workload.input_len, workload.output_len")]
    [InlineData("""{"deployment": {"model": "Llama-3.1-8B", "accelerator": "H100-SXM", "gpus": 8, "tp": 2}, "workload": {"num_prompts": 10, "input_len": 10, "output_len": 10}}""", "contradicts gpus 8")]
    [InlineData("""{"deployment": {"model": "Llama-3.1-8B", "accelerator": "H100-SXM"}, "workload": {"num_prompts": 10, "input_len": 10, "output_len": 10}}""", "reports none of the metrics")]
    public void UnusableResult_IsReportedAsProblem(string json, string expected)
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
        var e = Assert.Throws<InputException>(() => RunResultReader.Parse("{\"deployment\": ", "broken.json"));
        Assert.Contains("'broken.json' is not valid JSON", e.Message, StringComparison.Ordinal);
    }
}
