using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Performance;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Fulcrum.Reports.Traces;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum simulate</c>: serve a workload on one deployment in simulation and report latency, throughput and engine statistics.</summary>
public static class SimulateCommand
{
    /// <param name="costModels">Builds the step-cost model of a deployment.</param>
    public static Command Create(CliIo io, Func<Deployment, IStepCostModel> costModels)
    {
        var deployment = new DeploymentOptions();
        var scheduling = new SchedulingOptions();
        var workload = new WorkloadOptions();
        var split = new SplitOptions();
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file, or '-' for standard output (fields in docs/METRICS.md)." };
        var traceEvents = new Option<string?>("--trace-events") { Description = "Write the simulated timeline to this file as a Chrome trace; open it in Perfetto (ui.perfetto.dev)." };
        var command = new Command(
            "simulate",
            "Simulate serving a workload on one TP×PP×DP deployment: continuous batching, paged KV cache, pipeline micro-batches and replicas, "
            + "with every step priced by the performance model. Prints TTFT, TPOT, ITL, E2E latency, throughput and engine statistics.");
        deployment.AddTo(command);
        split.AddTo(command);

        scheduling.AddTo(command);
        workload.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(traceEvents);
        command.SetAction(parse =>
        {
            var target = split.ReadDeployment(parse, deployment, scheduling);
            var spec = workload.ReadSpec(parse);
            var jsonPath = parse.GetValue(json);
            var tracePath = parse.GetValue(traceEvents);
            if (jsonPath is not null and not "-")
            {
                Reports.Files.AtomicFile.RequireFolder(jsonPath, "--json", "result.json");
            }

            if (tracePath is not null)
            {
                Reports.Files.AtomicFile.RequireFolder(tracePath, "--trace-events", "trace.json");
            }

            var result = Simulator.Run(new SimulationConfig
            {
                Deployment = target,
                CostModel = costModels(target),
                Workload = spec.Generate(),
                Router = scheduling.ReadRouter(parse),
                Slo = workload.ReadSlo(parse),
                RecordTimeline = tracePath is not null,
            });

            if (tracePath is not null)
            {
                Reports.Files.AtomicFile.Write(tracePath, stream => ChromeTrace.Write(stream, result));
            }

            var document = SimulationJson.Serialize(SimulationJson.From(result, spec));
            if (jsonPath == "-")
            {
                io.Output.WriteLine(document);
                return 0;
            }

            if (jsonPath is not null)
            {
                Reports.Files.AtomicFile.WriteAllText(jsonPath, document + Environment.NewLine);
            }

            var title = $"{target.Model.Name} {target.Label} on {target.TotalGpus}× {target.Accelerator.Name}, {EnumNameOf(target.Engine)}";
            io.Console.Write(SimulationTable.Render(result, title));
            foreach (var written in new[] { jsonPath, tracePath }.OfType<string>())
            {
                io.Console.WriteLine($"Wrote {written}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Fills in the unset degrees of TP × PP × DP so the split uses every GPU of the cluster.</summary>
    internal static (int Tp, int Pp, int Dp) ReadSplit(int? tp, int pp, int? dp, ClusterSpec cluster)
    {
        var gpus = cluster.TotalGpus;
        CommonOptions.AtLeast(pp, 1, "--pp");
        if (tp is { } t)
        {
            CommonOptions.AtLeast(t, 1, "--tp");
        }

        if (dp is { } r)
        {
            CommonOptions.AtLeast(r, 1, "--dp");
        }

        return (tp, dp) switch
        {
            (null, null) => (Divide(gpus, pp, "PP", "--tp"), pp, 1),
            (null, { } replicas) => (Divide(gpus, pp * replicas, "PP × DP", "--tp"), pp, replicas),
            ({ } t2, null) => (t2, pp, Divide(gpus, t2 * pp, "TP × PP", "--dp")),
            ({ } t2, { } replicas) => (t2, pp, replicas),
        };
    }

    private static int Divide(int gpus, int divisor, string what, string option)
    {
        if (divisor > gpus)
        {
            throw new InputException($"{what} = {divisor} needs more than the {gpus} GPUs available; lower it, or add GPUs with --gpus and --nodes.");
        }

        if (gpus % divisor != 0)
        {
            throw new InputException($"{gpus} GPUs do not divide evenly by {what} = {divisor}; pass {option} explicitly or change --gpus.");
        }

        return gpus / divisor;
    }

    private static string EnumNameOf(EngineSettings engine) => Text.EnumNames.Kebab(engine.BatchingPolicy);
}
