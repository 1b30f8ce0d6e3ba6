using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Fulcrum.Errors;
using Fulcrum.Planning;
using Fulcrum.Reports.Files;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Study;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;
using Fulcrum.Study;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum study</c>: the TP/PP trade-off study of one or more models on a node, static batches over input length,
/// output length and batch size plus online serving, written up as an HTML report with charts and CSV files.
/// </summary>
public static class StudyCommand
{
    public static Command Create(CliIo io)
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Models to study, catalog names or config.json paths; may repeat. Default: Llama-3.1-70B and Llama-3.1-405B.",
            AllowMultipleArgumentsPerToken = true,
        };
        var gpu = new Option<string>("--gpu", "-g") { Description = "Accelerator name (see 'fulcrum hardware').", DefaultValueFactory = _ => "MI300X" };
        var gpus = new Option<int?>("--gpus") { Description = "GPUs in all; default: every GPU of the nodes." };
        var nodes = new Option<int>("--nodes") { Description = "Nodes the GPUs are spread over.", DefaultValueFactory = _ => 1 };
        var weights = new Option<string[]>("--weights")
        {
            Description = "Weight precisions to study (bf16, fp16, fp8, int8, int4); default: bf16, or fp8 for a model that fits no split in bf16.",
            AllowMultipleArgumentsPerToken = true,
        };
        var kvCache = new Option<string>("--kv-cache") { Description = "KV-cache precision: bf16 or fp8.", DefaultValueFactory = _ => "bf16" };
        var inputs = Lengths("--input-lens", "Prompt lengths in tokens", StudyOptions.DefaultInputLengths);
        var outputs = Lengths("--output-lens", "Output lengths in tokens", StudyOptions.DefaultOutputLengths);
        var batches = Lengths("--batch-sizes", "Batch sizes in requests over the node", StudyOptions.DefaultBatchSizes);
        var slas = new Option<string[]>("--sla")
        {
            Description = $"SLA presets the findings judge against: {string.Join(", ", ServiceLevelAgreement.Presets.Select(p => p.Name))}; default: {string.Join(" ", StudyOptions.DefaultSlas)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var slo = new Option<string[]>("--slo") { Description = "Objectives of an extra SLA named 'custom', METRIC:STAT:MS each, e.g. ttft:p99:1000 tpot:p99:50.", AllowMultipleArgumentsPerToken = true };
        var workloads = new Option<string[]>("--workloads")
        {
            Description = "Online workloads: chat (Azure 2023 conversation lengths), summarization (4k–8k-token inputs), or none. Default: chat summarization.",
            AllowMultipleArgumentsPerToken = true,
        };
        var prompts = new Option<int>("--num-prompts") { Description = "Requests per online run.", DefaultValueFactory = _ => StudyWorkload.DefaultRequests };
        var seed = new Option<long>("--seed") { Description = "Seed of the online workloads' random draws.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the report, charts and CSV files; replaced as a whole.", DefaultValueFactory = _ => "study-report" };
        var json = new Option<bool>("--json") { Description = "Also print the study as JSON on standard output (schema in docs/JSON.md)." };
        var hardwareFiles = CommonOptions.HardwareFiles();
        var profileFile = CommonOptions.ProfileFile();
        var command = new Command(
            "study",
            "Sweep every TP×PP×DP split of the node over input length, output length and batch size (static batches) and over request rates "
            + "(online chat and summarization), then write an HTML report of the trade-offs with charts and CSV files. "
            + "With no options: Llama-3.1-70B and Llama-3.1-405B on 8× MI300X.");
        foreach (var option in new Option[] { models, gpu, gpus, nodes, weights, kvCache, inputs, outputs, batches, slas, slo, workloads, prompts, seed, output, json, hardwareFiles, profileFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var cluster = DeploymentOptions.ResolveCluster(CommonOptions.Catalog(parse, hardwareFiles), parse.GetValue(gpu)!, parse.GetValue(gpus), parse.GetValue(nodes));
            var requests = CommonOptions.AtLeast(parse.GetValue(prompts), 10, "--num-prompts");
            var options = new StudyOptions
            {
                Models = ReadModels(parse.GetValue(models)),
                Cluster = cluster,
                Weights = (parse.GetValue(weights) ?? []).Select(Precisions.ParseWeights).ToList(),
                KvCache = Precisions.ParseKvCache(parse.GetValue(kvCache)!),
                InputLengths = ReadInts(parse.GetValue(inputs), "--input-lens"),
                OutputLengths = ReadInts(parse.GetValue(outputs), "--output-lens"),
                BatchSizes = ReadInts(parse.GetValue(batches), "--batch-sizes"),
                OnlineWorkloads = ReadWorkloads(parse.GetValue(workloads), requests, parse.GetValue(seed)),
                Slas = ReadSlas(parse.GetValue(slas), parse.GetValue(slo)),
                Profile = parse.GetValue(profileFile) is null ? null : CommonOptions.Profile(parse, profileFile, cluster.Accelerator),
            }.Normalize();

            var folder = parse.GetValue(output)!;
            AtomicDirectory.RequireParent(folder, "--out");
            StudyReport.CheckFolder(folder);
            var commandLine = "fulcrum " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var writeJson = parse.GetValue(json);
            var watch = Stopwatch.StartNew();
            var (result, files) = Run(io, options, folder, commandLine, showProgress: io.IsInteractive && !writeJson);
            if (writeJson)
            {
                io.Output.WriteLine(JsonOutput.Serialize(StudyJson.From(result, folder, files)));
                return 0;
            }

            Summarize(io, result, folder, watch.Elapsed);
            return 0;
        });
        return command;
    }

    private static (StudyResult Result, IReadOnlyList<string> Files) Run(CliIo io, StudyOptions options, string folder, string commandLine, bool showProgress)
    {
        if (!showProgress)
        {
            var quiet = StudyRunner.Run(options);
            return (quiet, StudyReport.Write(quiet, folder, commandLine, options.Parallelism));
        }

        StudyResult? result = null;
        IReadOnlyList<string>? files = null;
        io.Console.Progress().Start(context =>
        {
            var simulate = context.AddTask("Simulating", maxValue: 1);
            var gate = new Lock();
            result = StudyRunner.Run(options, new DirectProgress(p =>
            {
                // Threads report out of order; the bar only moves forward.
                lock (gate)
                {
                    simulate.MaxValue = p.Total;
                    simulate.Value = Math.Max(simulate.Value, p.Done);
                }
            }));
            simulate.Value = simulate.MaxValue;
            var write = context.AddTask("Writing report", maxValue: 1);
            files = StudyReport.Write(result, folder, commandLine, options.Parallelism);
            write.Value = 1;
        });
        return (result!, files!);
    }

    private static void Summarize(CliIo io, StudyResult result, string folder, TimeSpan elapsed)
    {
        var o = result.Options;
        var models = string.Join(", ", result.Models.Select(m => $"{m.Name} ({m.Splits.Count} split{(m.Splits.Count == 1 ? string.Empty : "s")})"));
        io.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Studied {models} on {o.Cluster.TotalGpus}× {o.Cluster.Accelerator.Name}: {result.SimulatedRuns:N0} simulations and the report in {elapsed.TotalSeconds:0.0} s."));
        foreach (var study in result.Models)
        {
            io.Output.WriteLine();
            io.Output.WriteLine(study.Name + ":");
            foreach (var finding in study.Findings.Where(f => f.Kind == FindingKind.TradeOff))
            {
                io.Output.WriteLine("  " + finding.Text);
            }
        }

        io.Output.WriteLine();
        io.Output.WriteLine($"Report: {Path.Combine(folder, StudyReport.ReportFile)} (charts in {Path.Combine(folder, StudyReport.ChartsFolder)}, every grid point in {Path.Combine(folder, StudyReport.GridCsvFile)}, online runs in {Path.Combine(folder, StudyReport.OnlineCsvFile)}).");
    }

    private static Option<string[]> Lengths(string name, string description, IReadOnlyList<int> defaults) => new(name)
    {
        Description = $"{description}, separated by spaces or commas. Default: {string.Join(" ", defaults)}.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => defaults.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray(),
    };

    private static List<ModelArchitecture> ReadModels(string[]? names) =>
        (names is { Length: > 0 } ? names : StudyOptions.DefaultModels).Select(ModelCatalog.Resolve).ToList();

    /// <summary>Parses whole numbers given as separate arguments or comma lists; an empty list stays empty for the options to reject.</summary>
    private static List<int> ReadInts(string[]? texts, string option)
    {
        var values = new List<int>();
        foreach (var part in (texts ?? []).SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                throw new InputException($"{option} contains '{part}', which is not a whole number; give positive whole numbers such as 128 512.");
            }

            values.Add(value);
        }

        return values;
    }

    private static List<StudyWorkload> ReadWorkloads(string[]? names, int requests, long seed)
    {
        var list = names is { Length: > 0 } ? names.SelectMany(n => n.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList() : ["chat", "summarization"];
        if (list.Count == 1 && string.Equals(list[0], "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return list.Select(name => name.ToLowerInvariant() switch
        {
            "chat" => StudyWorkload.Chat(requests, seed),
            "summarization" => StudyWorkload.Summarization(requests, seed),
            _ => throw new InputException($"--workloads '{name}' is unknown; use chat, summarization, or none alone."),
        }).ToList();
    }

    private static List<ServiceLevelAgreement> ReadSlas(string[]? names, string[]? objectives)
    {
        var list = (names is { Length: > 0 } ? names : StudyOptions.DefaultSlas).Select(ServiceLevelAgreement.Preset).ToList();
        if (objectives is { Length: > 0 })
        {
            var parsed = objectives.Select(ServiceLevelObjective.Parse).ToList();
            list.Add(new ServiceLevelAgreement("custom", "Custom: " + string.Join(", ", parsed), parsed));
        }

        return list;
    }

    /// <summary>Reports progress on the calling thread at once, so the bar never shows a stale count after the run.</summary>
    private sealed class DirectProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
