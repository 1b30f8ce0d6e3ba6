using System.CommandLine;
using Fulcrum.Calibration;
using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Reports.Files;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Markdown;
using Fulcrum.Reports.Tables;
using Fulcrum.Specs.Hardware;
using Fulcrum.Validation;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum validate</c>: predicts every measurement the model can represent with the serving simulator and writes the errors.</summary>
public static class ValidateCommand
{
    public static Command Create(CliIo io)
    {
        var measurements = new Option<string?>("--measurements") { Description = "Measurement CSV (columns in data/validation/README.md); default: the built-in data/validation/dev-measurements.csv." };
        var output = new Option<string>("--output", "-o") { Description = "Markdown report to write.", DefaultValueFactory = _ => Path.Combine("docs", "VALIDATION.md") };
        var jsonOutput = new Option<string>("--json-output") { Description = "JSON copy of the report to write.", DefaultValueFactory = _ => Path.Combine("docs", "validation.json") };
        var profiles = new Option<string[]>("--profile")
        {
            Description = "Profile JSON to use for the accelerator it names (its 'accelerator' field); may repeat. Other accelerators keep their default profile.",
            AllowMultipleArgumentsPerToken = false,
        };
        var datasheet = new Option<bool>("--datasheet-profiles") { Description = "Use the datasheet-derived built-in profiles instead of the fitted ones, to compare." };
        var files = CommonOptions.HardwareFiles();
        var command = new Command(
            "validate",
            "Reproduce every published measurement the model can represent with the serving simulator (static batches, offline "
            + "throughput runs, serving at a concurrency or rate) and write the errors per row, with median and 90th-percentile "
            + "absolute errors by accelerator, metric, scenario and source, and the fitted profiles' cross-validated errors.")
        {
            measurements, output, jsonOutput, profiles, datasheet, files,
        };
        command.SetAction(parse =>
        {
            // Check both destinations first so that a bad path leaves neither file half-updated.
            AtomicFile.RequireFolder(parse.GetValue(output)!, "--output", "VALIDATION.md");
            AtomicFile.RequireFolder(parse.GetValue(jsonOutput)!, "--json-output", "validation.json");
            var catalog = CommonOptions.Catalog(parse, files);
            var predictor = Predictor(catalog, parse.GetValue(profiles) ?? [], parse.GetValue(datasheet));
            var set = parse.GetValue(measurements) is { } path ? MeasurementReader.ReadFile(path) : MeasurementReader.BuiltIn();
            var report = ValidationRunner.Run(set, predictor, catalog) with { CrossValidation = FitRecords.BuiltIn() };
            var markdownPath = parse.GetValue(output)!;
            var jsonPath = parse.GetValue(jsonOutput)!;
            AtomicFile.WriteAllText(markdownPath, ValidationMarkdown.Render(report, "fulcrum validate"));
            AtomicFile.WriteAllText(jsonPath, JsonOutput.Serialize(ValidationJson.From(report)) + "\n");
            io.Console.Write(ValidationTable.Summary(report));
            io.Console.WriteLine($"{report.Results.Count(r => r.Priced)} rows priced, {report.Results.Count(r => !r.Priced)} not priced, {report.Problems.Count} rejected. Wrote {markdownPath} and {jsonPath}.");
            return 0;
        });
        return command;
    }

    /// <summary>The simulator with each accelerator's default (or datasheet) profile, replaced where a --profile file names the accelerator.</summary>
    private static SimulatorPredictor Predictor(HardwareCatalog catalog, string[] files, bool datasheet)
    {
        var overrides = new Dictionary<string, HardwareProfile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var profile = HardwareProfiles.Load(file);
            var name = profile.Accelerator ?? profile.Name;
            var accelerator = catalog.Accelerators.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InputException($"Profile file '{file}' is for '{name}', which is not a catalog accelerator. Set its \"accelerator\" field (or \"base\") to one of: {string.Join(", ", catalog.Accelerators.Select(a => a.Name))}.");
            overrides[accelerator.Name] = profile;
        }

        if (overrides.Count == 0 && !datasheet)
        {
            return new SimulatorPredictor();
        }

        var kind = datasheet ? "serving simulator, datasheet-derived profiles" : SimulatorPredictor.DefaultDescription;
        var description = overrides.Count == 0 ? kind : $"{kind}; {string.Join(", ", overrides.Select(o => $"{o.Key} from {o.Value.Origin}"))}";
        HardwareProfile ProfileFor(AcceleratorSpec accelerator)
        {
            if (overrides.TryGetValue(accelerator.Name, out var profile))
            {
                return profile;
            }

            return datasheet ? HardwareProfiles.Datasheet(accelerator) : HardwareProfiles.For(accelerator);
        }

        return new SimulatorPredictor(ProfileFor, description);
    }
}
