namespace Fulcrum.Workloads.Traces;

/// <summary>Trace file layouts <see cref="TraceReader"/> recognises from the header line or the first record's keys.</summary>
public enum TraceFormat
{
    /// <summary>Azure LLM inference trace 2023 CSV: <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, wall-clock timestamps.</summary>
    AzureCsv,

    /// <summary>Mooncake JSON Lines: <c>timestamp</c> in milliseconds, <c>input_length</c>, <c>output_length</c>.</summary>
    MooncakeJsonl,

    /// <summary>Fulcrum's generic CSV with the header <c>arrival_s,input_tokens,output_tokens</c>.</summary>
    GenericCsv,

    /// <summary>Fulcrum's generic JSON Lines with the keys <c>arrival_s</c>, <c>input_tokens</c>, <c>output_tokens</c>.</summary>
    GenericJsonl,
}
