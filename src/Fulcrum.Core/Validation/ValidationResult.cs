namespace Fulcrum.Validation;

/// <summary>One measurement's outcome: the prediction and its error, or why the row was not priced.</summary>
public sealed record ValidationResult
{
    public required Measurement Measurement { get; init; }

    /// <summary>Catalog accelerator the row maps to; null when the hardware is not in the catalog.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Model, precisions, split, lengths and batch in one line.</summary>
    public required string Configuration { get; init; }

    /// <summary>Predicted value in the measurement's unit; null when skipped.</summary>
    public double? Predicted { get; init; }

    /// <summary>Why the row was not priced; null when it was.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Assumptions made to price the row, such as a KV-cache precision the source does not state.</summary>
    public string? Note { get; init; }

    public bool Priced => Predicted is not null;

    /// <summary>(predicted − measured) / measured; null when skipped.</summary>
    public double? RelativeError => Predicted is { } p ? (p - Measurement.Value) / Measurement.Value : null;
}
