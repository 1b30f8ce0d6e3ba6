namespace Fulcrum.Validation;

/// <summary>
/// Error statistics over a group of priced rows (an accelerator, a metric, a scenario, a source). Errors are
/// (predicted − measured) / measured as fractions; the absolute statistics use their magnitudes.
/// </summary>
public sealed record ErrorSummary(string Label, int Priced, double MedianAbsoluteError, double P90AbsoluteError, double MedianSignedError)
{
    /// <summary>Summarizes <paramref name="relativeErrors"/>; null when there are none.</summary>
    public static ErrorSummary? Of(string label, IEnumerable<double> relativeErrors)
    {
        var errors = relativeErrors.ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var absolute = errors.Select(Math.Abs).ToList();
        return new ErrorSummary(label, errors.Count, Percentiles.Of(absolute, 0.5), Percentiles.Of(absolute, 0.9), Percentiles.Of(errors, 0.5));
    }
}
