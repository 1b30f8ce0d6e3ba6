using System.Globalization;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Planning.Export;

/// <summary>
/// Writes the launch command of a deployment for vLLM 0.11, SGLang 0.5 or TensorRT-LLM 1.0, with each
/// engine's own flag names. Memory fractions are converted to each engine's meaning of them using the
/// deployment's memory plan, because the three engines define them differently.
/// </summary>
public static class LaunchCommandBuilder
{
    public static LaunchCommand Build(Deployment d, ServingEngine engine, string? modelId = null)
    {
        var model = modelId ?? ModelCatalog.HuggingFaceId(d.Model.Name);
        var plan = MemoryPlanner.Plan(d);
        return engine switch
        {
            ServingEngine.Vllm => Vllm(d, model),
            ServingEngine.Sglang => Sglang(d, model, plan),
            ServingEngine.TrtLlm => TrtLlm(d, model, plan),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
        };
    }

    private static LaunchCommand Vllm(Deployment d, string model)
    {
        var e = d.Engine;
        var args = new List<string>
        {
            "serve", model,
            "--tensor-parallel-size", Text(d.Tp),
            "--pipeline-parallel-size", Text(d.Pp),
            "--data-parallel-size", Text(d.Dp),
            "--max-num-seqs", Text(e.MaxNumSeqs),
            "--max-num-batched-tokens", Text(e.MaxNumBatchedTokens),
            e.ChunkedPrefill ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill",
            "--kv-cache-dtype", d.KvCache == KvCachePrecision.Fp8 ? "fp8" : "auto",
            "--max-model-len", Text(d.MaxModelLength),
            "--gpu-memory-utilization", Text(e.GpuMemoryUtilization),
            "--block-size", Text(e.BlockSize),
        };
        var notes = new List<string>();
        AddQuantization(d, args, "--quantization", notes);
        if (e.LongPrefillTokenThreshold > 0)
        {
            args.AddRange(["--long-prefill-token-threshold", Text(e.LongPrefillTokenThreshold)]);
            if (e.MaxLongPartialPrefills is { } partial)
            {
                args.AddRange(["--max-long-partial-prefills", Text(partial)]);
            }
        }

        AddMultiNodeNote(d, notes, "vLLM runs across nodes on a Ray cluster (start Ray on every node first)");
        return new LaunchCommand(ServingEngine.Vllm, "vllm", args, null, null, notes);
    }

    private static LaunchCommand Sglang(Deployment d, string model, MemoryPlan plan)
    {
        var e = d.Engine;

        // SGLang's --mem-fraction-static covers weights plus the KV pool, not activations.
        var limiting = plan.Limiting;
        var staticFraction = (limiting.WeightsBytes + Math.Max(0, limiting.KvCacheBytes)) / (double)d.Accelerator.HbmCapacityBytes;
        var args = new List<string>
        {
            "-m", "sglang.launch_server",
            "--model-path", model,
            "--tp-size", Text(d.Tp),
            "--pp-size", Text(d.Pp),
            "--dp-size", Text(d.Dp),
            "--max-running-requests", Text(e.MaxNumSeqs),
            "--chunked-prefill-size", e.ChunkedPrefill ? Text(e.MaxNumBatchedTokens) : "-1",
            "--max-prefill-tokens", Text(e.MaxNumBatchedTokens),
            "--kv-cache-dtype", d.KvCache == KvCachePrecision.Fp8 ? "fp8_e4m3" : "auto",
            "--context-length", Text(d.MaxModelLength),
            "--mem-fraction-static", Math.Round(staticFraction, 3).ToString("0.###", CultureInfo.InvariantCulture),
            "--page-size", Text(e.BlockSize),
        };
        var notes = new List<string>();
        AddQuantization(d, args, "--quantization", notes);
        AddMultiNodeNote(d, notes, "SGLang spans nodes with --nnodes, --node-rank and --dist-init-addr on each node");
        return new LaunchCommand(ServingEngine.Sglang, "python3", args, null, null, notes);
    }

    private static LaunchCommand TrtLlm(Deployment d, string model, MemoryPlan plan)
    {
        var e = d.Engine;

        // trtllm-serve's fraction is of the memory left free after weights and activations.
        var limiting = plan.Limiting;
        var free = d.Accelerator.HbmCapacityBytes - limiting.WeightsBytes - limiting.ActivationBytes - limiting.ReserveBytes;
        var freeFraction = free <= 0 ? 0 : Math.Clamp(Math.Max(0, limiting.KvCacheBytes) / (double)free, 0.01, 0.99);
        const string optionsFile = "extra-llm-api-options.yaml";
        var yaml = string.Join('\n', [
            $"enable_chunked_prefill: {(e.ChunkedPrefill ? "true" : "false")}",
            "kv_cache_config:",
            $"  dtype: {(d.KvCache == KvCachePrecision.Fp8 ? "fp8" : "auto")}",
            $"  tokens_per_block: {Text(e.BlockSize)}",
            string.Empty,
        ]);
        var args = new List<string>
        {
            model,
            "--backend", "pytorch",
            "--tp_size", Text(d.Tp),
            "--pp_size", Text(d.Pp),
            "--max_batch_size", Text(e.MaxNumSeqs),
            "--max_num_tokens", Text(e.MaxNumBatchedTokens),
            "--max_seq_len", Text(d.MaxModelLength),
            "--kv_cache_free_gpu_memory_fraction", freeFraction.ToString("0.###", CultureInfo.InvariantCulture),
            "--extra_llm_api_options", optionsFile,
        };
        var notes = new List<string>();
        if (d.Dp > 1)
        {
            notes.Add($"trtllm-serve serves one replica; start {d.Dp} instances on disjoint GPUs (CUDA_VISIBLE_DEVICES) behind a router for DP={d.Dp}.");
        }

        if (d.Weights != WeightPrecision.Bf16 && d.Weights != WeightPrecision.Fp16)
        {
            notes.Add($"TensorRT-LLM reads {d.Weights.Name()} weights from a pre-quantized checkpoint (NVIDIA ModelOpt); pass its path as the model.");
        }

        AddMultiNodeNote(d, notes, "trtllm-serve spans nodes under mpirun or Slurm with one rank per GPU");
        return new LaunchCommand(ServingEngine.TrtLlm, "trtllm-serve", args, optionsFile, yaml, notes);
    }

    private static void AddQuantization(Deployment d, List<string> args, string flag, List<string> notes)
    {
        switch (d.Weights)
        {
            case WeightPrecision.Fp8:
                args.AddRange([flag, "fp8"]);
                break;
            case WeightPrecision.Int8:
            case WeightPrecision.Int4:
                notes.Add($"{d.Weights.Name()} weights need a pre-quantized checkpoint (GPTQ or AWQ for int4, W8A8 for int8); the engine reads the method from its config, so no {flag} flag is set.");
                break;
            default:
                break;
        }
    }

    private static void AddMultiNodeNote(Deployment d, List<string> notes, string instructions)
    {
        if (d.TotalGpus > d.Cluster.GpusPerNode)
        {
            notes.Add($"This split uses {d.TotalGpus} GPUs over {d.Cluster.NodeCount} nodes: {instructions}.");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
