namespace Fulcrum.Specs.Precisions;

/// <summary>Element type of the KV cache.</summary>
public enum KvCachePrecision
{
    Bf16,
    Fp8,
}
