using System.CommandLine;
using Fulcrum.Reports.Comparison;
using Fulcrum.Reports.Json;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum compare</c>: a predicted result beside a measured one, each metric with its relative error.</summary>
public static class CompareCommand
{
    public static Command Create(CliIo io)
    {
        var predicted = new Argument<string>("PREDICTED") { Description = "Result JSON of fulcrum simulate --json." };
        var measured = new Argument<string>("MEASURED") { Description = "Result JSON of fulcrum bench --json (or any file with the same fields)." };
        var markdown = new Option<string?>("--out") { Description = "Write the comparison as a Markdown table to this file." };
        var json = new Option<string?>("--json") { Description = "Write the comparison as JSON to this file, or '-' for standard output." };
        var allowMismatch = new Option<bool>("--allow-mismatch") { Description = "Compare even when the two files ran different workloads." };
        var command = new Command("compare", "Compare a predicted result with a measured one: each metric side by side with the relative error (predicted − measured) / measured.");
        command.Arguments.Add(predicted);
        command.Arguments.Add(measured);
        foreach (var option in new Option[] { markdown, json, allowMismatch })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var comparison = ResultComparison.Read(parse.GetValue(predicted)!, parse.GetValue(measured)!, parse.GetValue(allowMismatch));
            var jsonPath = parse.GetValue(json);
            var document = ComparisonReport.Json(comparison).ToJsonString(JsonOutput.Options);
            if (jsonPath == "-")
            {
                io.Output.WriteLine(document);
                return 0;
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
