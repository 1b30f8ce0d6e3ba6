using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Planning;
using Fulcrum.Reports.Files;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Planning;
using Fulcrum.Specs.Precisions;
using Fulcrum.Workloads;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum plan</c>: simulate every split and cap that fits under the workload, then recommend one for the SLA.
/// With no options: Llama-3.1-70B on one node of 8× MI300X, 1,000 requests of the Azure 2023 conversation trace
/// replayed at rates the search chooses, and the interactive SLA (p99 TTFT ≤ 450 ms, p99 TPOT ≤ 40 ms).
/// </summary>
public static class PlanCommand
{
    public static Command Create(CliIo io)
    {
        var deployment = new DeploymentOptions();
        var weights = new Option<string[]>("--weights-options") { Description = "Weight precisions to try, e.g. bf16 fp8; default: the value of --weights.", AllowMultipleArgumentsPerToken = true };
        var kvCaches = new Option<string[]>("--kv-cache-options") { Description = "KV-cache precisions to try, e.g. bf16 fp8; default: the value of --kv-cache.", AllowMultipleArgumentsPerToken = true };
        var seqsGrid = new Option<int[]>("--max-num-seqs-grid") { Description = "max-num-seqs values to try, e.g. 64 256.", DefaultValueFactory = _ => [64, 256], AllowMultipleArgumentsPerToken = true };
        var tokensGrid = new Option<int[]>("--max-num-batched-tokens-grid") { Description = "max-num-batched-tokens values to try, e.g. 2048 8192.", DefaultValueFactory = _ => [2048, 8192], AllowMultipleArgumentsPerToken = true };
        var chunkedGrid = new Option<string>("--chunked-prefill") { Description = "Chunked prefill: on, off or both.", DefaultValueFactory = _ => "on" };
        var sla = new Option<string>("--sla") { Description = "SLA preset: interactive (p99 TTFT 450 ms, p99 TPOT 40 ms), chat, code, summarization or none.", DefaultValueFactory = _ => "interactive" };
        var slo = new Option<string[]>("--slo") { Description = "Extra or replacing objective METRIC:STAT:MS, e.g. ttft:p99:1000 (metrics ttft, tpot, itl, e2e)." };
        var traffic = new WorkloadOptions { DefaultTrace = "azure-conv" };
        var json = new Option<string?>("--json") { Description = "Write the plan as JSON to FILE, or to standard output when no FILE is given.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out") { Description = "Folder for the HTML report (plan.html), the charts as PNG and SVG, and plan.csv." };
        var csv = new Option<string?>("--csv") { Description = "Write every configuration as CSV to FILE." };
        var export = new Option<string?>("--export") { Description = "Also print the recommended configuration's launch command for vllm, sglang or trtllm." };
        var command = new Command("plan", "Simulate every split and engine cap that fits, draw the latency-throughput frontier and recommend a configuration for the SLA.");
        deployment.AddTo(command);
        traffic.AddTo(command);
        foreach (var option in new Option[] { weights, kvCaches, seqsGrid, tokensGrid, chunkedGrid, sla, slo, json, output, csv, export })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var options = new PlanOptions
            {
                Model = deployment.ReadModel(parse),
                Cluster = deployment.ReadCluster(parse),
                Weights = ReadList(parse.GetValue(weights), deployment.ReadWeights(parse), Precisions.ParseWeights),
                KvCaches = ReadList(parse.GetValue(kvCaches), deployment.ReadKvCache(parse), Precisions.ParseKvCache),
                Engine = deployment.ReadEngine(parse) with { MaxModelLength = parse.GetValue(deployment.MaxModelLength) ?? 32768 },
                MaxNumSeqs = Positive(parse.GetValue(seqsGrid), "--max-num-seqs-grid"),
                MaxNumBatchedTokens = Positive(parse.GetValue(tokensGrid), "--max-num-batched-tokens-grid"),
                ChunkedPrefill = ReadChunked(parse.GetValue(chunkedGrid)!),
                Sla = ServiceLevelAgreement.Preset(parse.GetValue(sla)!).With((parse.GetValue(slo) ?? []).Select(ServiceLevelObjective.Parse)),
                TargetRate = parse.GetValue(traffic.RequestRate) is { } rate && double.IsFinite(rate) ? rate : null,
            };
            var workload = ReadWorkload(parse, traffic);
            var engine = parse.GetResult(export) is null ? (Fulcrum.Planning.Export.ServingEngine?)null : ExportCommand.ParseEngine(parse.GetValue(export) ?? "vllm");
            var profile = HardwareProfiles.For(options.Cluster.Accelerator);
            var evaluator = new SimulationEvaluator(workload, options.Sla, d => new StepCostModel(d, profile));
            var planner = new Planner(evaluator, new PlanExplainer(d => new StepCostModel(d, profile)));
            var (candidates, _) = Planner.Enumerate(options);
            if (candidates.Count == 0)
            {
                throw new InputException($"No configuration of {options.Model.Name} fits on {options.Cluster.TotalGpus}× {options.Cluster.Accelerator.Name}; run 'fulcrum fit' with the same options to see why, then add GPUs or lower the precision.");
            }

            var jsonTarget = parse.GetResult(json) is null ? null : parse.GetValue(json) ?? "-";
            CheckOutputs(jsonTarget == "-" ? null : jsonTarget, parse.GetValue(csv), parse.GetValue(output));
            var plan = Run(io, planner, options, candidates.Count);
            if (jsonTarget == "-")
            {
                io.Output.WriteLine(JsonOutput.Serialize(PlanJson.From(plan, profile, evaluator.Router)));
                return 0;
            }

            io.Console.Write(PlanTable.Render(plan));
            io.Console.WriteLine($"Workload: {DescribeWorkload(workload)}; {plan.SimulatedRuns} simulated runs.");
            if (jsonTarget is not null)
            {
                AtomicFile.WriteAllText(jsonTarget, JsonOutput.Serialize(PlanJson.From(plan, profile, evaluator.Router)));
            }

            if (parse.GetValue(csv) is { } csvPath)
            {
                PlanReport.WriteCsv(plan, csvPath);
            }

            if (parse.GetValue(output) is { } folder)
            {
                PlanReport.Write(plan, folder, DescribeWorkload(workload));
                io.Console.WriteLine($"Report written to {Path.Combine(folder, "plan.html")}, with charts and plan.csv beside it.");
            }
            else
            {
                io.Console.WriteLine("Add --out DIR for the HTML report and the charts.");
            }

            if (engine is { } e && plan.Recommended is { } r)
            {
                ExportCommand.Write(io.Output, Fulcrum.Planning.Export.LaunchCommandBuilder.Build(plan.Candidates[r].Deployment, e));
            }

            return 0;
        });
        return command;
    }

    private static PlanResult Run(CliIo io, Planner planner, PlanOptions options, int total)
    {
        if (!io.IsInteractive)
        {
            return planner.Run(options);
        }

        PlanResult? result = null;
        io.Console.Progress().Start(context =>
        {
            var task = context.AddTask($"Simulating {total} configurations", maxValue: total);
            result = planner.Run(options, new Progress<(int Done, int Total)>(p => task.Value = p.Done));
            task.Value = total;
        });
        return result!;
    }

    private static List<T> ReadList<T>(string[]? texts, T fallback, Func<string, T> parse) =>
        texts is { Length: > 0 } ? texts.Select(parse).Distinct().ToList() : [fallback];

    private static int[] Positive(int[]? values, string option)
    {
        if (values is null || values.Length == 0)
        {
            throw new InputException($"{option} needs at least one value.");
        }

        foreach (var v in values)
        {
            CommonOptions.AtLeast(v, 1, option);
        }

        return values;
    }

    private static bool[] ReadChunked(string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" => [true],
        "off" or "false" => [false],
        "both" => [true, false],
        _ => throw new InputException($"--chunked-prefill '{text}' is invalid; use on, off or both."),
    };

    /// <summary>
    /// The workload of every simulated run. The planner chooses the rates, so a trace is replayed with its own
    /// timestamps (scaled to each rate by the evaluator) and --request-rate only sets the target rate.
    /// </summary>
    private static WorkloadSpec ReadWorkload(ParseResult parse, WorkloadOptions traffic)
    {
        if (parse.GetValue(traffic.Goodput) is { Length: > 0 })
        {
            throw new InputException("plan takes its objectives from --sla and --slo, not --goodput; write them as --slo ttft:p99:500.");
        }

        var spec = traffic.ReadSpec(parse);
        var count = spec.NumPrompts ?? DefaultPrompts;
        if (count < 10)
        {
            throw new InputException($"--num-prompts must be at least 10 for latency percentiles to mean something; got {count}.");
        }

        spec = spec with
        {
            NumPrompts = spec.Trace is { } trace ? Math.Min(count, trace.Rows.Count) : count,
            Arrival = spec.Trace is null ? new ArrivalProcess.Rate(1.0, parse.GetValue(traffic.Burstiness)) : new ArrivalProcess.Replay(parse.GetValue(traffic.TraceTimeScale)),
        };
        spec.Validate();
        return spec;
    }

    /// <summary>Rejects output paths that cannot be written before the search runs, so a typo does not cost the whole run.</summary>
    private static void CheckOutputs(string? jsonPath, string? csvPath, string? folder)
    {
        if (jsonPath is not null)
        {
            AtomicFile.RequireFolder(jsonPath, "--json", "plan.json");
        }

        if (csvPath is not null)
        {
            AtomicFile.RequireFolder(csvPath, "--csv", "plan.csv");
        }

        if (folder is not null)
        {
            AtomicDirectory.RequireParent(folder, "--out");
        }
    }

    /// <summary>Describes the runs' traffic; the arrival rate is the search's, so it is not one number.</summary>
    private static string DescribeWorkload(WorkloadSpec spec)
    {
        var count = (spec.NumPrompts ?? DefaultPrompts).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return spec.Trace is { } trace
            ? $"{count} requests of trace {trace.Name}, its timestamps scaled to each rate the search tries, seed {spec.Seed}"
            : $"{count} requests, input {spec.InputLength.Describe()}, output {spec.OutputLength.Describe()}, {spec.Arrival.Describe().Replace("at 1 req/s", "at each rate the search tries", StringComparison.Ordinal)}, seed {spec.Seed}";
    }

    /// <summary>Requests per simulated run when --num-prompts is not given.</summary>
    private const int DefaultPrompts = 1000;
}
