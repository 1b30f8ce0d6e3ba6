namespace Fulcrum.Validation;

/// <summary>
/// The deployment of a run result that does not name its own: a <c>fulcrum bench</c> result measured an endpoint
/// and records only the served model id, so <c>fulcrum calibrate</c> takes the rest from its command line.
/// </summary>
public sealed record RunDefaults
{
    /// <summary>Catalog model name, used in place of the result's <c>model_id</c>; null keeps <c>model_id</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Catalog accelerator name.</summary>
    public string? Accelerator { get; init; }

    public int Tp { get; init; } = 1;

    public int Pp { get; init; } = 1;

    public int Dp { get; init; } = 1;

    /// <summary>Weight precision, such as <c>fp8</c>; bf16 when null.</summary>
    public string? Weights { get; init; } = "bf16";

    /// <summary>KV-cache precision; null means not stated (bf16 is assumed and noted).</summary>
    public string? KvCache { get; init; }
}
