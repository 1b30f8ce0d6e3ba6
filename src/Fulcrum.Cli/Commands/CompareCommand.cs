using System.CommandLine;
using Fulcrum.Reports.Comparison;
using Fulcrum.Reports.Json;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum compare</c>: a predicted result beside a measured one, each metric with its relative error. With a plan
/// as the first file, the plan's recommended configuration is simulated under the measured run's workload first.
/// </summary>
public static class CompareCommand
{
    public static Command Create(CliIo io)
    {
        var predicted = new Argument<string>("PREDICTED")
        {
            Description = "Result JSON of fulcrum simulate --json, or a plan of fulcrum plan --json, whose recommended configuration is then simulated under MEASURED's workload.",
        };
        // Optional to the parser so that a missing MEASURED gets a message naming it, instead of a generic one.
        var measured = new Argument<string?>("MEASURED") { Description = "Result JSON of fulcrum bench --json (or any file with the same fields).", Arity = ArgumentArity.ZeroOrOne };
        var markdown = new Option<string?>("--out") { Description = "Write the comparison as a Markdown table to this file." };
        var json = new Option<string?>("--json") { Description = "Write the comparison as JSON to this file, or '-' for standard output." };
        var allowMismatch = new Option<bool>("--allow-mismatch") { Description = "Compare even when the two files ran different workloads." };
        var records = new Option<string?>("--records")
        {
            Description = "With a plan: the per-request records (fulcrum bench --records) of MEASURED's run, replayed at their scheduled times with their token counts "
                + "instead of drawing MEASURED's workload_spec again.",
        };
        var model = new Option<string?>("--model") { Description = "With a plan made from a config.json: that file, in place of the model name the plan records." };
        var hardwareFiles = CommonOptions.HardwareFiles();
        var command = new Command(
            "compare",
            "Compare a predicted result with a measured one: each metric side by side with the relative error (predicted − measured) / measured. "
            + "Given a plan, simulate its recommended configuration under the measured workload and compare that.");
        command.Arguments.Add(predicted);
        command.Arguments.Add(measured);
        foreach (var option in new Option[] { markdown, json, allowMismatch, records, model, hardwareFiles })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(measured) is null)
            {
                throw new Errors.InputException(
                    "MEASURED is missing: compare takes two files, PREDICTED (fulcrum simulate --json or fulcrum plan --json) and then MEASURED (fulcrum bench --json).");
            }

            var jsonPath = parse.GetValue(json);
            if (parse.GetValue(markdown) is { } markdownOut)
            {
                Reports.Files.AtomicFile.RequireFolder(markdownOut, "--out", "comparison.md");
            }

            if (jsonPath is not null and not "-")
            {
                Reports.Files.AtomicFile.RequireFolder(jsonPath, "--json", "comparison.json");
            }

            var first = ComparisonFile.Read(parse.GetValue(predicted)!, "PREDICTED");
            var recordsPath = parse.GetValue(records);
            if (first.Kind != ComparisonFileKind.Plan && (recordsPath is not null || parse.GetValue(model) is not null))
            {
                throw new Errors.InputException($"--records and --model apply only when PREDICTED is a plan; {first.Path} is a result. Drop them, or pass a fulcrum plan --json file.");
            }

            var comparison = first.Kind == ComparisonFileKind.Plan
                ? PlanComparison.Compare(first, ComparisonFile.Read(parse.GetValue(measured)!, "MEASURED"), recordsPath, CommonOptions.Catalog(parse, hardwareFiles), parse.GetValue(model))
                : ResultComparison.Read(first.Path, parse.GetValue(measured)!, parse.GetValue(allowMismatch));
            var document = ComparisonReport.Json(comparison).ToJsonString(JsonOutput.Options);
            foreach (var warning in comparison.Warnings)
            {
                io.Error.WriteLine($"warning: {warning}");
            }

            if (jsonPath == "-")
            {
                io.Output.WriteLine(document);
                return 0;
            }

            if (comparison.Simulated is { } simulated)
            {
                io.Console.WriteLine($"Simulated {simulated.Configuration}.");
                io.Console.WriteLine($"Workload: {simulated.Workload}.");
            }

            io.Console.Write(ComparisonReport.Table(comparison));
            if (parse.GetValue(markdown) is { } markdownPath)
            {
                Reports.Files.AtomicFile.WriteAllText(markdownPath, ComparisonReport.Markdown(comparison));
                io.Output.WriteLine($"Wrote {markdownPath}");
            }

            if (jsonPath is not null)
            {
                Reports.Files.AtomicFile.WriteAllText(jsonPath, document + Environment.NewLine);
                io.Output.WriteLine($"Wrote {jsonPath}");
            }

            return 0;
        });
        return command;
    }
}
