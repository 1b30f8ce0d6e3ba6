using Fulcrum.Errors;

namespace Fulcrum.Specs.Precisions;

/// <summary>Bytes per element and names for weight and KV-cache precisions.</summary>
public static class Precisions
{
    /// <summary>Group size of int4 weight-only quantization (GPTQ and AWQ default to 128).</summary>
    public const int Int4GroupSize = 128;

    /// <summary>
    /// Bytes per weight element. Int4 adds one fp16 scale per group of 128 weights
    /// (2 bytes / 128 = 0.015625 bytes per weight), as GPTQ and AWQ checkpoints store it.
    /// </summary>
    public static double BytesPerElement(this WeightPrecision precision) => precision switch
    {
        WeightPrecision.Bf16 => 2.0,
        WeightPrecision.Fp16 => 2.0,
        WeightPrecision.Fp8 => 1.0,
        WeightPrecision.Int8 => 1.0,
        WeightPrecision.Int4 => 0.5 + (2.0 / Int4GroupSize),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };

    public static int BytesPerElement(this KvCachePrecision precision) => precision switch
    {
        KvCachePrecision.Bf16 => 2,
        KvCachePrecision.Fp8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };

    public static string Name(this WeightPrecision precision) => precision.ToString().ToLowerInvariant();

    public static string Name(this KvCachePrecision precision) => precision.ToString().ToLowerInvariant();

    public static WeightPrecision ParseWeights(string text)
    {
        foreach (var p in Enum.GetValues<WeightPrecision>())
        {
            if (string.Equals(p.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        throw new InputException(
            $"Unknown weight precision '{text}'. Use one of: {string.Join(", ", Enum.GetValues<WeightPrecision>().Select(p => p.Name()))}.");
    }

    public static KvCachePrecision ParseKvCache(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();

        // vLLM spells the fp8 KV cache "fp8", "fp8_e4m3" or "fp8_e5m2"; all are one byte.
        if (trimmed.StartsWith("fp8", StringComparison.Ordinal))
        {
            return KvCachePrecision.Fp8;
        }

        if (trimmed is "bf16" or "bfloat16" or "auto" or "fp16" or "float16")
        {
            return KvCachePrecision.Bf16;
        }

        throw new InputException($"Unknown KV-cache precision '{text}'. Use bf16 or fp8.");
    }
}
