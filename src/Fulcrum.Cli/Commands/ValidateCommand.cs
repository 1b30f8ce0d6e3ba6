using System.CommandLine;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Markdown;
using Fulcrum.Reports.Tables;
using Fulcrum.Validation;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum validate</c>: prices the published measurements the step-time model can price and writes the errors.</summary>
public static class ValidateCommand
{
    public static Command Create(CliIo io)
    {
        var measurements = new Option<string?>("--measurements") { Description = "Measurement CSV (columns in data/validation/README.md); default: the built-in data/validation/dev-measurements.csv." };
        var output = new Option<string>("--output", "-o") { Description = "Markdown report to write.", DefaultValueFactory = _ => Path.Combine("docs", "VALIDATION.md") };
        var jsonOutput = new Option<string>("--json-output") { Description = "JSON copy of the report to write.", DefaultValueFactory = _ => Path.Combine("docs", "validation.json") };
        var files = CommonOptions.HardwareFiles();
        var command = new Command(
            "validate",
            "Predict every published measurement the step-time model can price directly (static-batch and latency runs) "
            + "and write the table of errors with median and 90th-percentile absolute errors per accelerator.")
        {
            measurements, output, jsonOutput, files,
        };
        command.SetAction(parse =>
        {
            // Check both destinations first so that a bad path leaves neither file half-updated.
            AtomicFile.RequireFolder(parse.GetValue(output)!);
            AtomicFile.RequireFolder(parse.GetValue(jsonOutput)!);
            var set = parse.GetValue(measurements) is { } path ? MeasurementReader.ReadFile(path) : MeasurementReader.BuiltIn();
            var report = ValidationRunner.Run(set, new StaticBatchPredictor(), CommonOptions.Catalog(parse, files));
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
}
