using System.Globalization;
using Fulcrum.Performance.Profiles;

namespace Fulcrum.Calibration;

/// <summary>
/// The profile a calibration writes: the fitted values, a <c>calibration</c> block saying how they were fitted,
/// and each fitted group's source saying what it was fitted to, with the datasheet reasoning it started from.
/// </summary>
public static class FittedProfile
{
    /// <summary>The profile to save for <paramref name="report"/>; <paramref name="reportPath"/> is where its fit record is written, if anywhere.</summary>
    public static HardwareProfile Compose(CalibrationReport report, string? reportPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fitted = report.Fitted;
        var sources = report.Rows.Select(r => r.Measurement.Source).Distinct(StringComparer.Ordinal).Count();
        var where = reportPath is null ? string.Empty : $"; rows, errors and parameter diagnostics in {reportPath}";
        var summary = Invariant($"Fitted by fulcrum calibrate to {report.Rows.Count} measurements of {report.Accelerator} from {sources} sources{where}.");
        var groups = report.Parameters.Select(p => Group(p.Key)).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(report.Prior.Sources);
        foreach (var group in groups)
        {
            var values = string.Join(", ", report.Parameters.Where(p => Group(p.Key) == group).Select(p => Invariant($"{p.Key} {p.Default:G4} -> {p.Fitted:G4} ({Describe(p.Status)})")));
            texts[group] = $"{summary} {values}. Datasheet-derived start: {(report.Prior.Sources.TryGetValue(group, out var old) ? old : "none stated")}";
        }

        var calibration = new Dictionary<string, string>
        {
            ["method"] = "bounded Levenberg-Marquardt (MathNet.Numerics) on log(predicted / measured), Gaussian prior on each log parameter around the datasheet-derived profile",
            ["inputs"] = string.Join("; ", report.Inputs),
            ["rows"] = report.Rows.Count.ToString(CultureInfo.InvariantCulture),
            ["sources"] = sources.ToString(CultureInfo.InvariantCulture),
            ["prior_profile"] = report.Prior.Origin,
            [HardwareProfiles.GeneralizesKey] = report.GeneralizesBetter ? "true" : "false",
        };
        Add(calibration, "median_abs_error_before", report.Before?.MedianAbsoluteError);
        Add(calibration, "median_abs_error_fitted", report.After?.MedianAbsoluteError);
        Add(calibration, "median_abs_error_cross_validated", report.CrossValidated?.MedianAbsoluteError);
        if (reportPath is not null)
        {
            calibration["report"] = reportPath;
        }

        return fitted with
        {
            Accelerator = report.Accelerator,
            Description = $"{report.Prior.Description ?? report.Prior.Name} Efficiencies and overheads fitted to measurements by fulcrum calibrate.",
            Calibration = calibration,
            Sources = texts,
        };
    }

    /// <summary>The <c>sources</c> key of a parameter: its JSON path up to the first dot.</summary>
    public static string Group(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? key : key[..dot];
    }

    private static string Describe(Identifiability status) => status switch
    {
        Identifiability.Pinned => "pinned by the data",
        Identifiability.Weak => "weakly constrained",
        _ => "not pinned down, stays near the prior",
    };

    private static void Add(Dictionary<string, string> fields, string key, double? value)
    {
        if (value is { } v)
        {
            fields[key] = v.ToString("0.0000", CultureInfo.InvariantCulture);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
