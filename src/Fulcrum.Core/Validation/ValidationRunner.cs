using System.Globalization;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Validation;

/// <summary>Prices every usable measurement with a predictor and summarizes the errors per accelerator.</summary>
public static class ValidationRunner
{
    /// <summary>Relative gap under which a throughput row counts as computed from another row's elapsed time.</summary>
    private const double DerivedTolerance = 0.01;

    public static ValidationReport Run(MeasurementSet set, IMeasurementPredictor predictor, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(catalog);
        var results = set.Rows.Select(row => Evaluate(row, set.Rows, predictor, catalog)).ToList();
        var summaries = results
            .Where(r => r.Priced)
            .GroupBy(r => r.Accelerator!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList()))
            .ToList();
        var priced = results.Where(r => r.Priced).ToList();
        return new ValidationReport(set.Origin, predictor.Description, results, set.Problems, summaries)
        {
            Overall = priced.Count > 0 ? Summarize("all", priced) : null,
        };
    }

    private static ValidationResult Evaluate(Measurement row, IReadOnlyList<Measurement> all, IMeasurementPredictor predictor, HardwareCatalog catalog)
    {
        var accelerator = MeasurementMapper.AcceleratorName(row.Hardware, out _);
        var result = new ValidationResult { Measurement = row, Accelerator = accelerator, Configuration = Configuration(row) };
        var derivedFrom = DerivedFrom(row, all);
        if (derivedFrom is not null)
        {
            return result with { SkipReason = $"computed from the elapsed time of {derivedFrom.Id} (same run), which is priced instead" };
        }

        var validationCase = MeasurementMapper.Map(row, catalog, out var skipReason);
        if (validationCase is null)
        {
            return result with { SkipReason = skipReason };
        }

        var prediction = predictor.Predict(validationCase);
        var note = validationCase.KvCacheAssumed ? "KV-cache precision not stated; priced as bf16, the engines' default" : null;
        return result with { Predicted = prediction.Value, SkipReason = prediction.SkipReason, Note = note };
    }

    /// <summary>
    /// The end-to-end row of the same run when <paramref name="row"/> is a batch throughput equal, within 1%, to the
    /// batch's tokens (or requests) over that row's elapsed time; such a row adds no new measurement.
    /// </summary>
    private static Measurement? DerivedFrom(Measurement row, IReadOnlyList<Measurement> all)
    {
        if (row.Metric is not ("output_tok_per_s" or "total_tok_per_s" or "requests_per_s") || row.Batch is not { } batch || row.Isl is not { } isl || row.Osl is not { } osl)
        {
            return null;
        }

        var units = row.Metric switch
        {
            "output_tok_per_s" => (double)batch * osl,
            "total_tok_per_s" => (double)batch * (isl + osl),
            _ => batch,
        };
        return all.FirstOrDefault(e =>
            e.Metric == "e2e_latency_s" && e.SourceUrl == row.SourceUrl && e.Hardware == row.Hardware && e.Model == row.Model
            && e.Tp == row.Tp && e.Pp == row.Pp && e.Dp == row.Dp && e.Isl == isl && e.Osl == osl && e.Batch == batch
            && Math.Abs((row.Value * e.Value / units) - 1) < DerivedTolerance);
    }

    private static AcceleratorSummary Summarize(string accelerator, List<ValidationResult> priced)
    {
        var errors = priced.Select(r => r.RelativeError!.Value).ToList();
        var absolute = errors.Select(Math.Abs).ToList();
        return new AcceleratorSummary(accelerator, priced.Count, Percentiles.Of(absolute, 0.5), Percentiles.Of(absolute, 0.9), Percentiles.Of(errors, 0.5));
    }

    private static string Configuration(Measurement m)
    {
        var kv = m.KvDtype is null ? "kv ?" : "kv " + m.KvDtype.Split(' ')[0];
        var lengths = string.Create(CultureInfo.InvariantCulture, $"ISL {m.IslText ?? "?"} OSL {m.OslText ?? "?"}");
        return $"{m.Model}, {m.WeightDtype ?? "?"}/{kv}, TP{m.Tp}×PP{m.Pp}×DP{m.Dp}, {lengths}, batch {m.BatchOrConcurrency ?? "?"}, {m.Engine} {m.EngineVersion}".TrimEnd();
    }
}
