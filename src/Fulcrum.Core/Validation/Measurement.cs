namespace Fulcrum.Validation;

/// <summary>
/// One published measurement from the validation file (columns in data/validation/README.md). Text fields are
/// kept as printed; empty optional fields are null.
/// </summary>
public sealed record Measurement
{
    public required string Id { get; init; }

    /// <summary>Line of the file the row starts on, counting the header as line 1.</summary>
    public required int Line { get; init; }

    public required string SourceUrl { get; init; }

    public required string SourceTitle { get; init; }

    public string? Date { get; init; }

    public required string Hardware { get; init; }

    public required int GpuCount { get; init; }

    public required string Engine { get; init; }

    public string? EngineVersion { get; init; }

    public required string Model { get; init; }

    public string? WeightDtype { get; init; }

    public string? KvDtype { get; init; }

    public required int Tp { get; init; }

    public required int Pp { get; init; }

    public required int Dp { get; init; }

    /// <summary>Input tokens per request; null when the row gives no fixed count.</summary>
    public int? Isl { get; init; }

    /// <summary>The isl column as printed, such as "ShareGPT" for a dataset run.</summary>
    public string? IslText { get; init; }

    /// <summary>Output tokens per request; null when the row gives no fixed count.</summary>
    public int? Osl { get; init; }

    /// <summary>The osl column as printed.</summary>
    public string? OslText { get; init; }

    /// <summary>The batch or concurrency column as printed; null when the source does not state it.</summary>
    public string? BatchOrConcurrency { get; init; }

    /// <summary>The batch size when <see cref="BatchOrConcurrency"/> is a plain integer, else null.</summary>
    public int? Batch { get; init; }

    public string? RequestRate { get; init; }

    public required string Scenario { get; init; }

    public required string Metric { get; init; }

    public required string Statistic { get; init; }

    public required double Value { get; init; }

    public string? Notes { get; init; }
}
