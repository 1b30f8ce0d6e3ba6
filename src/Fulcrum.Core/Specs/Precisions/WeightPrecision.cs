namespace Fulcrum.Specs.Precisions;

/// <summary>Storage and compute precision of the transformer layers' linear weights.</summary>
public enum WeightPrecision
{
    Bf16,
    Fp16,
    Fp8,
    Int8,
    Int4,
}
