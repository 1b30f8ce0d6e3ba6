using Fulcrum.Errors;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Simulation;
using Fulcrum.Specs.Hardware;
using Fulcrum.Validation;

namespace Fulcrum.Calibration.Fitting;

/// <summary>
/// Fits one accelerator's profile to measurements: prepares every usable row (one simulation each, recording its
/// schedule), fits all rows, checks the fit with the full simulator, cross-validates with folds by source and
/// reports which parameters the data pinned down.
/// </summary>
public static class Calibrator
{
    public static CalibrationReport Run(IReadOnlyList<MeasurementSet> sets, HardwareCatalog catalog, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var accelerator = catalog.Resolve(options.Accelerator);
        var prior = options.Prior ?? HardwareProfiles.Datasheet(accelerator);
        var unused = new List<UnusedRow>();
        var rows = PrepareRows(sets, catalog, accelerator, prior, unused);
        if (rows.Count == 0)
        {
            throw new InputException(
                $"No measurement of {accelerator.Name} can be simulated ({unused.Count} rows were not usable). Pass --measurements or --bench-results with rows for this accelerator; 'fulcrum validate' lists why rows are skipped.");
        }

        var fitter = new ProfileFitter(options.MaxIterations);
        var problem = new CalibrationProblem(prior, options.Parameters, rows.Select(r => r.Row).ToList(), options.Weights);
        var outcome = fitter.Fit(problem);
        var fitted = outcome.Converged ? problem.ProfileAt(outcome.Theta.ToArray()) with { Name = prior.Name, Origin = "fulcrum calibrate" } : prior;
        var after = outcome.Converged ? SimulateAll(rows, fitted) : null;
        var (folds, crossValidated, foldOfRow) = CrossValidate(rows, prior, options, fitter);

        var fits = rows.Select((r, j) => new RowFit
        {
            Measurement = r.Row.Measurement,
            Configuration = r.Configuration,
            Before = r.Row.InitialPrediction,
            After = after?[j] is { } a && double.IsFinite(a) ? a : null,
            CrossValidated = crossValidated?[j] is { } c && double.IsFinite(c) ? c : null,
            Fold = foldOfRow?[j],
            Replayed = r.Row.Replay is not null,
        }).ToList();

        return new CalibrationReport
        {
            Accelerator = accelerator.Name,
            Prior = prior,
            Fitted = fitted,
            Converged = outcome.Converged,
            Iterations = outcome.Iterations,
            Exit = outcome.Exit,
            Inputs = sets.Select(s => s.Origin).ToList(),
            Weights = problem.Weights,
            Parameters = ParameterDiagnostics.Estimate(problem, outcome),
            Rows = fits,
            Unused = unused,
            Folds = folds,
            Figures = Figures(accelerator.Name, fits),
        };
    }

    private static List<(CalibrationRow Row, string Configuration)> PrepareRows(IReadOnlyList<MeasurementSet> sets, HardwareCatalog catalog, AcceleratorSpec accelerator, HardwareProfile prior, List<UnusedRow> unused)
    {
        var candidates = new List<(string Origin, ValidationResult Result)>();
        foreach (var set in sets)
        {
            unused.AddRange(set.Problems.Select(p => new UnusedRow(set.Origin, p.Line, p.Id ?? "-", "rejected by the reader: " + p.Reason)));
            foreach (var result in ValidationRunner.Resolve(set, catalog).Where(r => r.Accelerator == accelerator.Name))
            {
                if (result.Case is null)
                {
                    unused.Add(new UnusedRow(set.Origin, result.Measurement.Line, result.Measurement.Id, result.SkipReason ?? "not priced"));
                }
                else
                {
                    candidates.Add((set.Origin, result));
                }
            }
        }

        var prepared = new CalibrationRow?[candidates.Count];
        var reasons = new string?[candidates.Count];
        Parallel.For(0, candidates.Count, i => prepared[i] = CalibrationRow.Prepare(candidates[i].Result.Case!, prior, out reasons[i]));
        var rows = new List<(CalibrationRow, string)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (origin, result) = candidates[i];
            if (prepared[i] is { } row)
            {
                rows.Add((row, result.Configuration));
            }
            else
            {
                unused.Add(new UnusedRow(origin, result.Measurement.Line, result.Measurement.Id, reasons[i] ?? "not priced"));
            }
        }

        return rows;
    }

    /// <summary>Predicts every row with the full simulator under <paramref name="profile"/> (not a replay).</summary>
    private static double[] SimulateAll(List<(CalibrationRow Row, string Configuration)> rows, HardwareProfile profile)
    {
        var values = new double[rows.Count];
        Parallel.For(0, rows.Count, j =>
        {
            var c = rows[j].Row.Case;
            try
            {
                var result = Simulator.Run(new SimulationConfig { Deployment = c.Deployment, CostModel = new StepCostModel(c.Deployment, profile), Workload = c.Workload });
                values[j] = MeasurementValue.Of(c, PredictedRun.From(result)).Value ?? double.NaN;
            }
            catch (InputException)
            {
                values[j] = double.NaN;
            }
        });
        return values;
    }

    private static (List<FoldResult> Folds, double[]? Predictions, int[]? FoldOfRow) CrossValidate(
        List<(CalibrationRow Row, string Configuration)> rows, HardwareProfile prior, CalibrationOptions options, ProfileFitter fitter)
    {
        var sources = rows.Select(r => r.Row.Measurement.Source).ToList();
        if (!options.CrossValidate || sources.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return ([], null, null);
        }

        var foldOfRow = SourceFolds.Assign(sources, options.Folds);
        var predictions = new double[rows.Count];
        var folds = new List<FoldResult>();
        foreach (var fold in foldOfRow.Distinct().Order())
        {
            var training = rows.Where((_, j) => foldOfRow[j] != fold).Select(r => r.Row).ToList();
            var heldOut = Enumerable.Range(0, rows.Count).Where(j => foldOfRow[j] == fold).ToList();
            var problem = new CalibrationProblem(prior, options.Parameters, training, options.Weights);
            var outcome = fitter.Fit(problem);
            var profile = problem.ProfileAt(outcome.Theta.ToArray());
            Parallel.ForEach(heldOut, j => predictions[j] = rows[j].Row.Predict(profile));
            var heldOutSources = heldOut.Select(j => sources[j]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            folds.Add(new FoldResult(fold, heldOutSources, training.Count, heldOut.Count, outcome.Converged, outcome.Iterations, outcome.Exit));
        }

        return (folds, predictions, foldOfRow);
    }

    private static List<CrossValidationFigure> Figures(string accelerator, List<RowFit> fits) =>
        Enum.GetValues<MetricGroup>()
            .Select(g => (Group: g, Rows: fits.Where(f => MetricGroups.Of(f.Measurement.Metric) == g).ToList()))
            .Where(x => x.Rows.Count > 0)
            .Select(x => new CrossValidationFigure(
                accelerator,
                x.Group,
                x.Rows.Count,
                ErrorSummary.Of(string.Empty, x.Rows.Select(r => r.ErrorBefore))?.MedianAbsoluteError,
                ErrorSummary.Of(string.Empty, x.Rows.Where(r => r.ErrorAfter is not null).Select(r => r.ErrorAfter!.Value))?.MedianAbsoluteError,
                ErrorSummary.Of(string.Empty, x.Rows.Where(r => r.ErrorCrossValidated is not null).Select(r => r.ErrorCrossValidated!.Value))?.MedianAbsoluteError))
            .ToList();
}
