using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Precisions;
using Fulcrum.Validation;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Validation;

public class MeasurementMapperTests
{
    internal static Measurement Row(
        string model = "Llama-3.1-405B-Instruct (amd/Llama-3.1-405B-Instruct-FP8-KV)",
        string hardware = "AMD Instinct MI300X 192GB",
        string scenario = "latency",
        string metric = "e2e_latency_s",
        string statistic = "mean",
        string? weights = "fp8",
        string? kv = "fp8",
        int? batch = 16,
        string engine = "vLLM",
        string? version = "0.6.3",
        int tp = 8,
        int isl = 2048,
        int osl = 128) => new()
        {
            Id = "M1",
            Line = 2,
            SourceUrl = "u",
            SourceTitle = "t",
            Hardware = hardware,
            GpuCount = tp,
            Engine = engine,
            EngineVersion = version,
            Model = model,
            WeightDtype = weights,
            KvDtype = kv,
            Tp = tp,
            Pp = 1,
            Dp = 1,
            Isl = isl,
            IslText = isl.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Osl = osl,
            OslText = osl.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BatchOrConcurrency = batch?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Batch = batch,
            Scenario = scenario,
            Metric = metric,
            Statistic = statistic,
            Value = 10,
        };

    private static ValidationCase Map(Measurement row)
    {
        var c = MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason);
        Assert.True(c is not null, reason);
        return c;
    }

    [Fact]
    public void CheckpointName_MapsToCatalogModelAndPrecisions()
    {
        var c = Map(Row());
        var d = c.Deployment;
        Assert.Equal("Llama-3.1-405B", d.Model.Name);
        Assert.Equal("MI300X", d.Accelerator.Name);
        Assert.Equal(WeightPrecision.Fp8, d.Weights);
        Assert.Equal(KvCachePrecision.Fp8, d.KvCache);
        Assert.Equal(ValidationMetric.EndToEndSeconds, c.Metric);
        Assert.DoesNotContain(c.Assumptions, a => a.Contains("KV-cache precision", StringComparison.Ordinal));
    }

    [Fact]
    public void UnstatedKvCache_IsAssumedBf16()
    {
        var c = Map(Row(kv: null, hardware: "NVIDIA H100 SXM 80GB"));
        Assert.Equal("H100-SXM", c.Deployment.Accelerator.Name);
        Assert.Equal(KvCachePrecision.Bf16, c.Deployment.KvCache);
        Assert.Contains(c.Assumptions, a => a.Contains("bf16, the engines' default", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelOptCheckpoint_IsAssumedFp8KvCache()
    {
        var c = Map(Row(model: "Llama-3.1-8B-Instruct (nvidia FP8 checkpoint)", kv: null, hardware: "NVIDIA H100 SXM 80GB", engine: "TensorRT-LLM", version: "1.0", tp: 1));
        Assert.Equal(KvCachePrecision.Fp8, c.Deployment.KvCache);
        Assert.Contains(c.Assumptions, a => a.Contains("kv_cache_quant_algo", StringComparison.Ordinal));
    }

    [Fact]
    public void StaticBatch_UsesStaticPolicy()
    {
        var c = Map(Row(batch: 16));
        Assert.Equal(ValidationScenario.StaticBatch, c.Scenario);
        Assert.Equal(BatchingPolicy.Static, c.Deployment.Engine.BatchingPolicy);
        Assert.Equal(16, c.Deployment.Engine.MaxNumSeqs);
        Assert.Equal(16, c.Workload.Requests.Count);
        Assert.All(c.Workload.Requests, r => Assert.Equal((0.0, 2048, 128), (r.ArrivalSeconds, r.InputTokens, r.OutputTokens)));
        Assert.Equal(ValidationStatistic.Aggregate, c.Statistic);
    }

    [Fact]
    public void VllmV0_PrefillsWholePrompts()
    {
        // vLLM 0.6 (V0) without chunked prefill: the step budget defaults to max(max-model-len, 2048) = 131,072 for Llama 3.1.
        var c = Map(Row(scenario: "offline", metric: "output_tok_per_s", statistic: "aggregate", batch: null) with { BatchOrConcurrency = "max (infinite request rate)" });
        var engine = c.Deployment.Engine;
        Assert.Equal(BatchingPolicy.PrefillFirst, engine.BatchingPolicy);
        Assert.False(engine.ChunkedPrefill);
        Assert.Equal(131_072, engine.MaxNumBatchedTokens);
        Assert.Equal(256, engine.MaxNumSeqs);
    }

    [Fact]
    public void TensorRtV06_HasOneContextStep()
    {
        // gptSessionBenchmark: 64 prompts of 2048 tokens make one context step of 64 · 2048 = 131,072 tokens.
        var c = Map(Row(model: "Llama-2-70B", hardware: "NVIDIA H100 SXM 80GB", scenario: "static-batch", metric: "output_tok_per_s", statistic: "per GPU", kv: "fp8", batch: 64, engine: "TensorRT-LLM", version: "0.6.1", tp: 4, isl: 2048, osl: 128));
        Assert.Equal(131_072, c.Deployment.Engine.MaxNumBatchedTokens);
        Assert.Equal(BatchingPolicy.Static, c.Deployment.Engine.BatchingPolicy);
        Assert.True(c.PerGpu);
    }

    [Fact]
    public void TensorRtMax_SizesBatchFromKvCache()
    {
        var row = Row(model: "Llama-3.1-8B-Instruct", hardware: "NVIDIA H100 SXM 80GB", scenario: "offline", metric: "output_tok_per_s", statistic: "aggregate", kv: "fp8", batch: null, engine: "TensorRT-LLM", version: "1.0", tp: 1, isl: 128, osl: 2048)
            with
        { BatchOrConcurrency = "max (infinite request rate)" };
        var c = Map(row);
        var engine = c.Deployment.Engine;
        // The batch is what fits in the cache at 128 + 2048 tokens, sized with an 8,192-token budget before the budget
        // is known. The budget is then batch · (1 + 128/2048), rounded up to a multiple of 256, 512 or 1024.
        var probe = c.Deployment with { Engine = engine with { MaxNumBatchedTokens = 8192, MaxNumSeqs = 256 } };
        Assert.Equal(Math.Min(4096, Fulcrum.Memory.MemoryPlanner.Plan(probe).MaxSequencesAt(2176)), engine.MaxNumSeqs);
        var raw = Math.Min(engine.MaxNumSeqs * (1 + (128.0 / 2048)), 32768);
        Assert.True(raw < 4096, $"{raw} tokens round to 256s");
        Assert.Equal(Math.Max(2048, (int)(Math.Ceiling(raw / 256) * 256)), engine.MaxNumBatchedTokens);
        Assert.Equal(0.95, engine.GpuMemoryUtilization);

        // At most two full batches are simulated when the source does not say how many prompts it sent.
        Assert.Equal(2 * engine.MaxNumSeqs, c.Workload.Requests.Count);
        Assert.Null(c.StatedRequests);
    }

    [Fact]
    public void StatedPromptsAndSequenceCap_AreUsed()
    {
        var row = Row(scenario: "offline", metric: "output_tok_per_s", statistic: "aggregate", batch: null, version: "0.10.1", isl: 128, osl: 2048)
            with
        { BatchOrConcurrency = "500 prompts, max-num-seqs 200" };
        var c = Map(row);
        Assert.Equal(200, c.Deployment.Engine.MaxNumSeqs);
        Assert.Equal(BatchingPolicy.VllmV1, c.Deployment.Engine.BatchingPolicy);
        Assert.Equal(400, c.Workload.Requests.Count);
        Assert.Equal(500, c.StatedRequests);
        Assert.Contains(c.Assumptions, a => a.Contains("simulates 400 of the 500 prompts", StringComparison.Ordinal));
    }

    [Fact]
    public void ServerConcurrency_IsClosedLoop()
    {
        var c = Map(Row(model: "Llama-3.3-70B-Instruct", hardware: "NVIDIA H100 80GB", scenario: "server", metric: "ttft_ms", statistic: "as reported by the benchmark tool (average)", kv: null, batch: 5, engine: "NVIDIA NIM", version: "NIM container 1.8.0", tp: 2, isl: 5000, osl: 500));
        Assert.Equal(ValidationScenario.Serving, c.Scenario);
        Assert.Equal(5, c.Workload.MaxConcurrency);
        Assert.Equal(20, c.Workload.Requests.Count);
        Assert.Equal(ValidationStatistic.Mean, c.Statistic);
        Assert.Contains(c.Assumptions, a => a.Contains("vLLM V1 defaults", StringComparison.Ordinal));
    }

    [Fact]
    public void ApproximateLengths_AreDrawnUniformly()
    {
        var row = Row(model: "Llama-3.1-8B", hardware: "NVIDIA H100 (single GPU)", scenario: "server", metric: "itl_ms", statistic: "median", weights: "bf16", kv: "bf16", batch: 8, version: "0.19.1", tp: 1)
            with
        { Isl = null, IslText = "~20000 (+/-15%)", Osl = null, OslText = "~2000 (+/-15%)" };
        var c = Map(row);
        Assert.All(c.Workload.Requests, r => Assert.InRange(r.InputTokens, 17000, 23000));
        Assert.All(c.Workload.Requests, r => Assert.InRange(r.OutputTokens, 1700, 2300));
        Assert.Equal(ValidationMetric.InterTokenLatencyMs, c.Metric);
        Assert.Equal(ValidationStatistic.Median, c.Statistic);
    }

    [Theory]
    [InlineData("model 'Llama-2-7B' is not in the model catalog", "Llama-2-7B", "AMD Instinct MI300X 192GB", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("'NVIDIA RTX PRO 6000' has no entry", "Llama-3.1-70B", "NVIDIA RTX PRO 6000", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("has no entry", "Llama-3.1-70B", "NVIDIA A100 40GB SXM", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("weight precision 'fp4' is not modelled", "Llama-3.1-70B", "NVIDIA B200 180GB", "latency", "e2e_latency_s", "mean", "fp4")]
    [InlineData("does not say whether the throughput is per GPU", "Llama-3.1-70B", "NVIDIA H100 SXM 80GB", "static-batch", "output_tok_per_s", "as published", "fp8")]
    [InlineData("statistic 'sustained' is not modelled", "Llama-3.1-70B", "NVIDIA H100 SXM 80GB", "server", "ttft_ms", "sustained", "fp8")]
    public void UnrepresentableRow_IsSkippedWithReason(string expected, string model, string hardware, string scenario, string metric, string statistic, string weights)
    {
        var c = MeasurementMapper.Map(Row(model, hardware, scenario, metric, statistic, weights), HardwareCatalog.BuiltIn, out var reason);
        Assert.Null(c);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetLengths_AreSkipped()
    {
        var row = Row(scenario: "server", metric: "ttft_ms", statistic: "median") with { Isl = null, IslText = "ShareGPT", Osl = null, OslText = "ShareGPT" };
        Assert.Null(MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason));
        Assert.Contains("'ShareGPT' are not token counts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeTextBatch_IsSkipped()
    {
        var row = Row(batch: null) with { BatchOrConcurrency = "max throughput" };
        Assert.Null(MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason));
        Assert.Contains("'max throughput' is not a plain batch size", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerWithoutLoad_IsSkipped()
    {
        var row = Row(scenario: "server", metric: "ttft_ms", statistic: "median", batch: null);
        Assert.Null(MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason));
        Assert.Contains("neither a client concurrency nor a request rate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestRate_SendsPoissonArrivals()
    {
        var row = Row(scenario: "server", metric: "ttft_ms", statistic: "median", batch: null) with { RequestRate = "4", BatchOrConcurrency = "200 prompts" };
        var c = Map(row);
        Assert.Equal(200, c.Workload.Requests.Count);
        Assert.Null(c.Workload.MaxConcurrency);

        // vLLM's rescaling puts the last of 200 requests at 200 / 4 = 50 s.
        Assert.Equal(50.0, c.Workload.Requests[^1].ArrivalSeconds, 1e-9);
    }
}
