using Fulcrum.Planning.Export;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Planning;

public class LaunchCommandTests
{
    // Flags of `vllm serve --help` in vLLM 0.11 that the exporter may write.
    private static readonly HashSet<string> VllmFlags =
    [
        "--tensor-parallel-size", "--pipeline-parallel-size", "--data-parallel-size", "--max-num-seqs", "--max-num-batched-tokens",
        "--enable-chunked-prefill", "--no-enable-chunked-prefill", "--kv-cache-dtype", "--quantization", "--max-model-len",
        "--gpu-memory-utilization", "--block-size", "--long-prefill-token-threshold", "--max-long-partial-prefills",
    ];

    // Server arguments of sglang.launch_server in SGLang 0.5.
    private static readonly HashSet<string> SglangFlags =
    [
        "--model-path", "--tp-size", "--pp-size", "--dp-size", "--max-running-requests", "--chunked-prefill-size", "--max-prefill-tokens",
        "--kv-cache-dtype", "--quantization", "--context-length", "--mem-fraction-static", "--page-size",
    ];

    // Options of trtllm-serve in TensorRT-LLM 1.0.
    private static readonly HashSet<string> TrtLlmFlags =
    [
        "--backend", "--tp_size", "--pp_size", "--max_batch_size", "--max_num_tokens", "--max_seq_len",
        "--kv_cache_free_gpu_memory_fraction", "--extra_llm_api_options",
    ];

    private static Deployment Llama70B(int tp, int pp, int dp = 1, WeightPrecision weights = WeightPrecision.Bf16, KvCachePrecision kv = KvCachePrecision.Bf16, bool chunked = true) =>
        Deployment.Create(
            ModelCatalog.Resolve("Llama-3.1-70B"),
            ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("MI300X")),
            tp,
            pp,
            dp,
            weights,
            kv,
            new EngineSettings { MaxModelLength = 32768, MaxNumSeqs = 128, MaxNumBatchedTokens = chunked ? 4096 : 32768, ChunkedPrefill = chunked });

    [Theory]
    [InlineData(ServingEngine.Vllm)]
    [InlineData(ServingEngine.Sglang)]
    [InlineData(ServingEngine.TrtLlm)]
    public void Build_UsesOnlyTheEnginesFlags(ServingEngine engine)
    {
        var known = engine switch
        {
            ServingEngine.Vllm => VllmFlags,
            ServingEngine.Sglang => SglangFlags,
            _ => TrtLlmFlags,
        };
        foreach (var d in new[] { Llama70B(4, 2), Llama70B(2, 1, 4, WeightPrecision.Fp8, KvCachePrecision.Fp8, chunked: false) })
        {
            var flags = LaunchCommandBuilder.Build(d, engine).Arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal));
            Assert.All(flags, f => Assert.Contains(f, known));
        }
    }

    [Fact]
    public void Vllm_CarriesEveryKnob()
    {
        var args = LaunchCommandBuilder.Build(Llama70B(4, 2, 1, WeightPrecision.Fp8, KvCachePrecision.Fp8), ServingEngine.Vllm).Arguments.ToList();
        Assert.Equal("meta-llama/Llama-3.1-70B", args[1]);
        AssertValue(args, "--tensor-parallel-size", "4");
        AssertValue(args, "--pipeline-parallel-size", "2");
        AssertValue(args, "--data-parallel-size", "1");
        AssertValue(args, "--max-num-seqs", "128");
        AssertValue(args, "--max-num-batched-tokens", "4096");
        AssertValue(args, "--kv-cache-dtype", "fp8");
        AssertValue(args, "--quantization", "fp8");
        AssertValue(args, "--max-model-len", "32768");
        AssertValue(args, "--gpu-memory-utilization", "0.9");
        Assert.Contains("--enable-chunked-prefill", args);
    }

    [Fact]
    public void Sglang_DisablesChunkingWithMinusOne()
    {
        var args = LaunchCommandBuilder.Build(Llama70B(8, 1, chunked: false), ServingEngine.Sglang).Arguments.ToList();
        AssertValue(args, "--chunked-prefill-size", "-1");
        AssertValue(args, "--tp-size", "8");
        var fraction = double.Parse(args[args.IndexOf("--mem-fraction-static") + 1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fraction, 0.5, 0.9);
    }

    [Fact]
    public void TrtLlm_WritesOptionsFileAndDpNote()
    {
        var launch = LaunchCommandBuilder.Build(Llama70B(2, 1, 4, kv: KvCachePrecision.Fp8), ServingEngine.TrtLlm);
        Assert.Equal("extra-llm-api-options.yaml", launch.OptionsFileName);
        Assert.Contains("enable_chunked_prefill: true", launch.OptionsFileContent, StringComparison.Ordinal);
        Assert.Contains("dtype: fp8", launch.OptionsFileContent, StringComparison.Ordinal);
        Assert.Contains(launch.Notes, n => n.Contains("start 4 instances", StringComparison.Ordinal));
    }

    [Fact]
    public void ShellLine_QuotesOnlyWhenNeeded()
    {
        var launch = new LaunchCommand(ServingEngine.Vllm, "vllm", ["serve", "/models/my model", "--x", "1"], null, null, []);
        Assert.Equal("vllm serve '/models/my model' --x 1", launch.ShellLine);
    }

    private static void AssertValue(List<string> args, string flag, string expected)
    {
        var index = args.IndexOf(flag);
        Assert.True(index >= 0, $"{flag} missing");
        Assert.Equal(expected, args[index + 1]);
    }
}
