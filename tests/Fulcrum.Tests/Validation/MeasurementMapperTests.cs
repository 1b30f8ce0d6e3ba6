using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Precisions;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class MeasurementMapperTests
{
    private static Measurement Row(string model = "Llama-3.1-405B-Instruct (amd/Llama-3.1-405B-Instruct-FP8-KV)", string hardware = "AMD Instinct MI300X 192GB", string scenario = "latency", string metric = "e2e_latency_s", string statistic = "mean", string? weights = "fp8", string? kv = "fp8", int? batch = 16) => new()
    {
        Id = "M1",
        Line = 2,
        SourceUrl = "u",
        SourceTitle = "t",
        Hardware = hardware,
        GpuCount = 8,
        Engine = "vLLM",
        Model = model,
        WeightDtype = weights,
        KvDtype = kv,
        Tp = 8,
        Pp = 1,
        Dp = 1,
        Isl = 2048,
        IslText = "2048",
        Osl = 128,
        OslText = "128",
        BatchOrConcurrency = batch?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Batch = batch,
        Scenario = scenario,
        Metric = metric,
        Statistic = statistic,
        Value = 10,
    };

    [Fact]
    public void CheckpointName_MapsToCatalogModelAndPrecisions()
    {
        var c = MeasurementMapper.Map(Row(), HardwareCatalog.BuiltIn, out var reason);
        Assert.Null(reason);
        Assert.NotNull(c);
        Assert.Equal("Llama-3.1-405B", c.Model.Name);
        Assert.Equal("MI300X", c.Accelerator.Name);
        Assert.Equal(WeightPrecision.Fp8, c.Weights);
        Assert.Equal(KvCachePrecision.Fp8, c.KvCache);
        Assert.False(c.KvCacheAssumed);
        Assert.Equal(ValidationMetric.EndToEndSeconds, c.Metric);
    }

    [Fact]
    public void UnstatedKvCache_IsAssumedBf16()
    {
        var c = MeasurementMapper.Map(Row(kv: null, hardware: "NVIDIA H100 SXM 80GB"), HardwareCatalog.BuiltIn, out _);
        Assert.NotNull(c);
        Assert.Equal("H100-SXM", c.Accelerator.Name);
        Assert.Equal(KvCachePrecision.Bf16, c.KvCache);
        Assert.True(c.KvCacheAssumed);
    }

    [Theory]
    [InlineData("offline run", "Llama-3.1-70B", "AMD Instinct MI300X 192GB", "offline", "e2e_latency_s", "mean", "fp8")]
    [InlineData("model 'Llama-2-70B' is not in the model catalog", "Llama-2-70B", "AMD Instinct MI300X 192GB", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("'NVIDIA RTX PRO 6000' has no entry", "Llama-3.1-70B", "NVIDIA RTX PRO 6000", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("has no entry", "Llama-3.1-70B", "NVIDIA A100 40GB SXM", "latency", "e2e_latency_s", "mean", "fp8")]
    [InlineData("weight precision 'fp4' is not modelled", "Llama-3.1-70B", "NVIDIA B200 180GB", "latency", "e2e_latency_s", "mean", "fp4")]
    [InlineData("does not say whether the throughput is per GPU", "Llama-3.1-70B", "NVIDIA H100 SXM 80GB", "static-batch", "output_tok_per_s", "as published", "fp8")]
    [InlineData("statistic 'p90' is not modelled", "Llama-3.1-70B", "NVIDIA H100 SXM 80GB", "latency", "ttft_ms", "p90", "fp8")]
    public void UnpriceableRow_IsSkippedWithReason(string expected, string model, string hardware, string scenario, string metric, string statistic, string weights)
    {
        var c = MeasurementMapper.Map(Row(model, hardware, scenario, metric, statistic, weights), HardwareCatalog.BuiltIn, out var reason);
        Assert.Null(c);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeTextBatch_IsSkipped()
    {
        var row = Row(batch: null) with { BatchOrConcurrency = "max throughput" };
        Assert.Null(MeasurementMapper.Map(row, HardwareCatalog.BuiltIn, out var reason));
        Assert.Contains("'max throughput' is not a plain batch size", reason, StringComparison.Ordinal);
    }
}
