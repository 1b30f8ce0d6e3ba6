using System.Globalization;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Validation;

/// <summary>Turns measurements into simulations, prices them with a predictor and summarizes the errors.</summary>
public static class ValidationRunner
{
    /// <summary>Relative gap under which a throughput row counts as computed from another row's elapsed time.</summary>
    private const double DerivedTolerance = 0.01;

    /// <summary>
    /// Maps every row to its simulation (<see cref="ValidationResult.Case"/>) or a skip reason, without predicting
    /// anything. A throughput row computed from another row's elapsed time is skipped in favour of that row.
    /// </summary>
    public static IReadOnlyList<ValidationResult> Resolve(MeasurementSet set, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = set.Rows;
        var results = new ValidationResult[rows.Count];
        Parallel.For(0, rows.Count, i => results[i] = ResolveRow(rows[i], rows, catalog));
        return results;
    }

    /// <summary>Predicts every resolvable row of <paramref name="set"/>, in parallel; the report keeps the file's order.</summary>
    public static ValidationReport Run(MeasurementSet set, IMeasurementPredictor predictor, HardwareCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var resolved = Resolve(set, catalog);
        var results = new ValidationResult[resolved.Count];
        Parallel.For(0, resolved.Count, i => results[i] = Predict(resolved[i], predictor));
        return Summarize(set, predictor.Description, results);
    }

    /// <summary>Builds the report's statistics over already predicted rows.</summary>
    public static ValidationReport Summarize(MeasurementSet set, string predictor, IReadOnlyList<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(results);
        var priced = results.Where(r => r.Priced).ToList();
        return new ValidationReport(set.Origin, predictor, results, set.Problems, Group(priced, r => r.Accelerator!))
        {
            Overall = ErrorSummary.Of("all", priced.Select(r => r.RelativeError!.Value)),
            ByMetricAndScenario = Group(priced, r => $"{r.Accelerator} / {MetricGroups.Name(r.MetricGroup)} / {r.Measurement.Scenario}"),
            BySource = Group(priced, r => $"{r.Accelerator} / {r.Measurement.Source}"),
        };
    }

    private static List<ErrorSummary> Group(List<ValidationResult> priced, Func<ValidationResult, string> key) =>
        priced.GroupBy(key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ErrorSummary.Of(g.Key, g.Select(r => r.RelativeError!.Value))!)
            .ToList();

    private static ValidationResult Predict(ValidationResult row, IMeasurementPredictor predictor)
    {
        if (row.Case is null)
        {
            return row;
        }

        var prediction = predictor.Predict(row.Case);
        return row with { Predicted = prediction.Value, SkipReason = prediction.SkipReason };
    }

    private static ValidationResult ResolveRow(Measurement row, IReadOnlyList<Measurement> all, HardwareCatalog catalog)
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

        var note = validationCase.Assumptions.Count == 0 ? null : string.Join("; ", validationCase.Assumptions);
        return result with { Case = validationCase, Note = note };
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

    private static string Configuration(Measurement m)
    {
        var kv = m.KvDtype is null ? "kv ?" : "kv " + m.KvDtype.Split(' ')[0];
        var lengths = string.Create(CultureInfo.InvariantCulture, $"ISL {m.IslText ?? "?"} OSL {m.OslText ?? "?"}");
        return $"{m.Model}, {m.WeightDtype ?? "?"}/{kv}, TP{m.Tp}×PP{m.Pp}×DP{m.Dp}, {lengths}, batch {m.BatchOrConcurrency ?? "?"}, {m.Engine} {m.EngineVersion}".TrimEnd();
    }
}
