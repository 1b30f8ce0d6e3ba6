using System.Globalization;
using System.Text.RegularExpressions;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Validation;

/// <summary>
/// The scheduler settings a measured engine ran with, where the source does not print them: the batching policy,
/// the sequence cap and the token budget of one step, by engine family and version. Each rule adds a line to the
/// case's assumptions so the report shows what was assumed.
/// </summary>
internal static partial class EngineRules
{
    /// <summary>Largest batch trtllm-bench allows (its heuristic caps the batch at 4096 requests).</summary>
    public const int TensorRtLlmMaxBatch = 4096;

    /// <summary>Engine family and the (major, minor) version the engine column names, when it names one.</summary>
    public static (EngineFamily Family, Version? Version) Identify(Measurement m)
    {
        var engine = m.Engine.ToUpperInvariant();
        var family = engine.Contains("VLLM", StringComparison.Ordinal) ? EngineFamily.Vllm
            : engine.Contains("TENSORRT", StringComparison.Ordinal) ? EngineFamily.TensorRtLlm
            : EngineFamily.Other;
        var match = VersionPattern().Match(m.EngineVersion ?? string.Empty);
        Version? version = null;
        if (match.Success)
        {
            var minor = match.Groups["minor"].Value == "x" ? 0 : int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture);
            version = new Version(int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture), minor);
        }

        return (family, version);
    }

    /// <summary>
    /// Engine settings for a run of <paramref name="shape"/>. <paramref name="kvSequences"/> returns how many
    /// requests of the longest input plus output fit in the KV cache of one replica under given settings; it sizes
    /// TensorRT-LLM's batch, which trtllm-bench derives from the KV cache.
    /// </summary>
    public static EngineSettings Settings(Measurement m, ValidationScenario scenario, RunShape shape, int modelMaxLength, Func<EngineSettings, long> kvSequences, List<string> assumptions)
    {
        var (family, version) = Identify(m);
        var isl = shape.InputLength.Max;
        var osl = shape.OutputLength.Max;
        var baseline = new EngineSettings { MaxModelLength = isl + osl };
        var v1 = version is null || version >= new Version(0, 8);
        var engine = family switch
        {
            EngineFamily.Vllm when !v1 => VllmV0(baseline, modelMaxLength, isl, assumptions),
            EngineFamily.TensorRtLlm when version is not null && version < new Version(0, 8) => StaticGptSession(baseline, shape, isl, assumptions),
            EngineFamily.TensorRtLlm => InFlightTensorRt(baseline, shape, isl, osl, kvSequences, assumptions),
            _ => baseline,
        };

        if (family is EngineFamily.Vllm && v1)
        {
            assumptions.Add("vLLM V1 scheduler with its default 8,192-token step budget");
        }
        else if (family is EngineFamily.Other)
        {
            assumptions.Add($"engine '{m.Engine}' does not say how it schedules; vLLM V1 defaults assumed");
        }

        if (scenario == ValidationScenario.StaticBatch)
        {
            return engine with { BatchingPolicy = BatchingPolicy.Static, MaxNumSeqs = shape.Batch!.Value };
        }

        if (shape.MaxNumSeqs is { } stated)
        {
            engine = engine with { MaxNumSeqs = stated };
        }

        return engine;
    }

    /// <summary>
    /// vLLM before 0.8 (V0) without chunked prefill: a step takes whole prompts up to max-num-batched-tokens, which
    /// defaults to max(max-model-len, 2048), and prefills run before decodes.
    /// </summary>
    private static EngineSettings VllmV0(EngineSettings baseline, int modelMaxLength, int isl, List<string> assumptions)
    {
        var budget = Math.Max(Math.Max(modelMaxLength, 2048), isl);
        assumptions.Add(string.Create(CultureInfo.InvariantCulture, $"vLLM V0 scheduler: prefill first, no chunking, {budget:N0}-token step budget (the model's max-model-len)"));
        return baseline with { BatchingPolicy = BatchingPolicy.PrefillFirst, ChunkedPrefill = false, MaxNumBatchedTokens = budget };
    }

    /// <summary>TensorRT-LLM before 0.8 (gptSessionBenchmark): the whole batch's context phase runs as one step.</summary>
    private static EngineSettings StaticGptSession(EngineSettings baseline, RunShape shape, int isl, List<string> assumptions)
    {
        var batch = shape.Batch ?? shape.Prompts ?? 1;
        assumptions.Add("TensorRT-LLM static batching (gptSessionBenchmark): the batch's whole context phase in one step");
        return baseline with { ChunkedPrefill = false, MaxNumBatchedTokens = Math.Max(checked(batch * isl), baseline.MaxModelLength!.Value) };
    }

    /// <summary>
    /// TensorRT-LLM with in-flight batching as trtllm-bench configures it (tensorrt_llm/bench/build/tuning.py in
    /// NVIDIA/TensorRT-LLM): the batch is what fits in the KV cache at input plus output length, at most 4096, and the
    /// token budget is batch × (1 + input/output) rounded up, between 2,048 and 32,768, and at least the longest
    /// prompt. Admitting only what the cache holds whole stands in for its default guaranteed-no-evict scheduler.
    /// The KV cache takes 95% of memory, as the TensorRT-LLM perf overview sets kv_cache_free_gpu_mem_fraction 0.95.
    /// </summary>
    /// <remarks>
    /// NOTE: TensorRT-LLM runs without context chunking by default and defers a prompt that does not fit a step's
    /// remaining budget; the simulator chunks it instead, which the fixed-length workloads here rarely hit.
    /// </remarks>
    private static EngineSettings InFlightTensorRt(EngineSettings baseline, RunShape shape, int isl, int osl, Func<EngineSettings, long> kvSequences, List<string> assumptions)
    {
        var probe = baseline with { MaxNumBatchedTokens = Math.Max(8192, isl), GpuMemoryUtilization = 0.95 };
        var batch = shape.MaxNumSeqs ?? shape.Batch ?? (int)Math.Clamp(kvSequences(probe), 1, TensorRtLlmMaxBatch);
        var raw = Math.Min(batch * (1.0 + ((double)isl / osl)), 32768);
        var budget = Math.Max(Math.Max(2048, RoundUpBudget(raw)), isl);
        assumptions.Add(string.Create(CultureInfo.InvariantCulture, $"TensorRT-LLM in-flight batching as trtllm-bench sizes it: batch {batch}, {budget:N0}-token step budget, no context chunking"));
        return probe with { MaxNumSeqs = batch, MaxNumBatchedTokens = budget };
    }

    /// <summary>Rounds a token budget up as trtllm-bench does: to 256 below 4096 tokens, to 512 below 8192, else to 1024.</summary>
    private static int RoundUpBudget(double tokens)
    {
        int granule;
        if (tokens < 4096)
        {
            granule = 256;
        }
        else if (tokens < 8192)
        {
            granule = 512;
        }
        else
        {
            granule = 1024;
        }

        return (int)(Math.Ceiling(tokens / granule) * granule);
    }

    [GeneratedRegex(@"(?<major>\d+)\.(?<minor>\d+|x)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

/// <summary>Serving engines whose schedulers <see cref="EngineRules"/> distinguishes.</summary>
internal enum EngineFamily
{
    Vllm,
    TensorRtLlm,
    Other,
}
