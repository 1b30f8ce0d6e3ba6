using Fulcrum.Performance.Profiles;

namespace Fulcrum.Calibration.Fitting;

/// <summary>What to fit and how.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Catalog name of the accelerator whose rows are fitted.</summary>
    public required string Accelerator { get; init; }

    /// <summary>Starting profile and prior centre; null takes the accelerator's datasheet-derived built-in profile.</summary>
    public HardwareProfile? Prior { get; init; }

    public IReadOnlyList<ProfileParameter> Parameters { get; init; } = ProfileParameters.All;

    public CalibrationWeights Weights { get; init; } = new();

    public int MaxIterations { get; init; } = 100;

    /// <summary>Cross-validation folds; null for one fold per source.</summary>
    public int? Folds { get; init; }

    public bool CrossValidate { get; init; } = true;
}
