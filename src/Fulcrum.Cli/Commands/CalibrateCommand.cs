using System.CommandLine;
using Fulcrum.Calibration;
using Fulcrum.Calibration.Fitting;
using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Reports.Calibration;
using Fulcrum.Reports.Files;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Fulcrum.Validation;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum calibrate</c>: fits an accelerator's profile to measurements and writes it, with the errors before,
/// after and cross-validated. Exits 1 without touching the profile file when the fit does not converge.
/// </summary>
public static class CalibrateCommand
{
    /// <summary>Exit code of a fit that did not converge (the profile file is left as it was).</summary>
    public const int NotConverged = 1;

    public static Command Create(CliIo io)
    {
        var gpu = new Option<string>("--gpu", "-g") { Description = "Accelerator whose profile is fitted (see 'fulcrum hardware').", Required = true };
        var measurements = new Option<string[]>("--measurements") { Description = "Measurement CSV (columns in data/validation/README.md); may repeat.", AllowMultipleArgumentsPerToken = false };
        var results = new Option<string[]>("--bench-results") { Description = "Result JSON of 'fulcrum bench' or 'fulcrum simulate' (fields in docs/JSON.md); may repeat.", AllowMultipleArgumentsPerToken = false };
        var model = new Option<string?>("--model", "-m") { Description = "Catalog model a bench result served (bench records only the served model id); default: that id." };
        var tp = new Option<int>("--tp") { Description = "Tensor-parallel degree of the deployment a bench result measured.", DefaultValueFactory = _ => 1 };
        var pp = new Option<int>("--pp") { Description = "Pipeline-parallel degree of the deployment a bench result measured.", DefaultValueFactory = _ => 1 };
        var dp = new Option<int>("--dp") { Description = "Replicas of the deployment a bench result measured.", DefaultValueFactory = _ => 1 };
        var weights = new Option<string>("--weights") { Description = "Weight precision of the deployment a bench result measured.", DefaultValueFactory = _ => "bf16" };
        var kvCache = new Option<string?>("--kv-cache") { Description = "KV-cache precision of the deployment a bench result measured; default: not stated (bf16 assumed)." };
        var published = new Option<bool>("--include-published") { Description = "Also fit the built-in published measurements when --measurements or --bench-results is given (they are used alone otherwise)." };
        var profile = new Option<string?>("--profile") { Description = "Profile to start from and regularize toward; default: the accelerator's datasheet-derived built-in profile." };
        var output = new Option<string?>("--out", "-o") { Description = "Fitted profile to write; default: <gpu>.fitted.json in the current folder." };
        var report = new Option<string?>("--report") { Description = "Markdown fit record to write: every row's errors, the parameters, the folds." };
        var json = new Option<string?>("--json") { Description = "JSON fit record to write (schema in docs/JSON.md)." };
        var iterations = new Option<int>("--max-iterations") { Description = "Most Levenberg-Marquardt iterations before the fit counts as not converged.", DefaultValueFactory = _ => 100 };
        var folds = new Option<int?>("--folds") { Description = "Cross-validation folds, sources dealt to them in turn; default: one per source." };
        var noCrossValidation = new Option<bool>("--no-cross-validation") { Description = "Skip cross-validation (faster; the report then cannot say whether the fit generalizes)." };
        var files = CommonOptions.HardwareFiles();
        var command = new Command(
            "calibrate",
            "Fit an accelerator's profile (GEMM efficiency, attention, HBM and collective efficiencies, collective latency, CPU overheads) "
            + "to measurements by bounded least squares on log(predicted / measured), regularized toward the datasheet-derived defaults. "
            + "Prints the errors before, after and cross-validated by source, and the parameters the data could not pin down.")
        {
            gpu, measurements, results, model, tp, pp, dp, weights, kvCache, published, profile, output, report, json, iterations, folds, noCrossValidation, files,
        };
        command.SetAction(parse =>
        {
            var catalog = CommonOptions.Catalog(parse, files);
            var accelerator = catalog.Resolve(parse.GetValue(gpu)!);
            var outPath = parse.GetValue(output) ?? accelerator.Name.ToLowerInvariant() + HardwareProfiles.FittedSuffix + ".json";
            var reportPath = parse.GetValue(report);
            var jsonPath = parse.GetValue(json);
            AtomicFile.RequireFolder(outPath, "--out", "profile.fitted.json");
            if (reportPath is not null)
            {
                AtomicFile.RequireFolder(reportPath, "--report", "fit.md");
            }

            if (jsonPath is not null)
            {
                AtomicFile.RequireFolder(jsonPath, "--json", "fit.json");
            }

            var maxIterations = CommonOptions.AtLeast(parse.GetValue(iterations), 1, "--max-iterations");
            if (parse.GetValue(folds) is { } k)
            {
                CommonOptions.AtLeast(k, 2, "--folds");
            }

            var defaults = new RunDefaults
            {
                Model = parse.GetValue(model),
                Accelerator = accelerator.Name,
                Tp = CommonOptions.AtLeast(parse.GetValue(tp), 1, "--tp"),
                Pp = CommonOptions.AtLeast(parse.GetValue(pp), 1, "--pp"),
                Dp = CommonOptions.AtLeast(parse.GetValue(dp), 1, "--dp"),
                Weights = parse.GetValue(weights),
                KvCache = parse.GetValue(kvCache),
            };
            var sets = ReadSets(parse.GetValue(measurements) ?? [], parse.GetValue(results) ?? [], defaults, parse.GetValue(published));
            var options = new CalibrationOptions
            {
                Accelerator = accelerator.Name,
                Prior = parse.GetValue(profile) is { } start ? HardwareProfiles.Load(start) : null,
                MaxIterations = maxIterations,
                Folds = parse.GetValue(folds),
                CrossValidate = !parse.GetValue(noCrossValidation),
            };
            var fit = Calibrator.Run(sets, catalog, options);
            var commandLine = "fulcrum " + string.Join(" ", parse.Tokens.Select(t => t.Value));
            if (reportPath is not null)
            {
                AtomicFile.WriteAllText(reportPath, CalibrationMarkdown.Render(fit, commandLine));
            }

            if (jsonPath is not null)
            {
                AtomicFile.WriteAllText(jsonPath, JsonOutput.Serialize(CalibrationJson.From(fit)) + "\n");
            }

            io.Console.Write(CalibrationTable.Parameters(fit));
            io.Console.Write(CalibrationTable.Errors(fit));
            io.Console.WriteLine($"{fit.Rows.Count} rows fitted, {fit.Unused.Count} not usable; {fit.Folds.Count} cross-validation folds.");
            if (!fit.Converged)
            {
                io.Error.WriteLine($"error: the fit did not converge ({fit.Exit} after {fit.Iterations} iterations); '{outPath}' was not written. Raise --max-iterations or check the rows in the report.");
                return NotConverged;
            }

            AtomicFile.WriteAllText(outPath, HardwareProfileWriter.ToJson(FittedProfile.Compose(fit, jsonPath ?? reportPath)));
            var verdict = fit.Folds.Count == 0 ? "not cross-validated"
                : fit.GeneralizesBetter ? "cross-validation shows it predicts held-out sources better than the starting profile"
                : "cross-validation does not show it predicts held-out sources better than the starting profile";
            io.Console.WriteLine($"Wrote {outPath} ({verdict}). Use it with --profile {outPath}.");
            return 0;
        });
        return command;
    }

    private static List<MeasurementSet> ReadSets(string[] csvFiles, string[] resultFiles, RunDefaults defaults, bool includePublished)
    {
        var sets = new List<MeasurementSet>();
        if (includePublished || (csvFiles.Length == 0 && resultFiles.Length == 0))
        {
            sets.Add(MeasurementReader.BuiltIn());
        }

        sets.AddRange(csvFiles.Select(MeasurementReader.ReadFile));
        sets.AddRange(resultFiles.Select(f => RunResultReader.ReadFile(f, defaults)));
        var readable = sets.Sum(s => s.Rows.Count);
        if (readable == 0)
        {
            var problems = sets.SelectMany(s => s.Problems.Select(p => $"{s.Origin} line {p.Line}: {p.Reason}")).Take(5);
            throw new InputException($"No readable measurement in the given files. {string.Join("; ", problems)}");
        }

        return sets;
    }
}
