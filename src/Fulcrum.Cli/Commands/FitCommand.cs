using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum fit</c>: which TP × PP × DP splits fit in memory, and how much KV cache each leaves.</summary>
public static class FitCommand
{
    public static Command Create(CliIo io)
    {
        var options = new DeploymentOptions();
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (schema in docs/JSON.md)." };
        var command = new Command(
            "fit",
            "Check every TP×PP×DP split of the GPUs: whether it fits, why not, and the KV cache left per GPU. "
            + "With no options: Llama-3.1-70B on 8× MI300X in bf16.");
        options.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var model = options.ReadModel(parse);
            var cluster = options.ReadCluster(parse);
            var weights = options.ReadWeights(parse);
            var kv = options.ReadKvCache(parse);
            var engine = options.ReadEngine(parse);
            if (engine.MaxModelLength > model.MaxPositionEmbeddings)
            {
                throw new InputException($"--max-model-len {engine.MaxModelLength} exceeds {model.Name}'s max_position_embeddings ({model.MaxPositionEmbeddings}); use at most {model.MaxPositionEmbeddings}.");
            }

            var rows = FitAnalyzer.Analyze(model, cluster, weights, kv, engine);
            var maxLength = engine.MaxModelLength ?? model.MaxPositionEmbeddings;
            if (parse.GetValue(json))
            {
                var document = FitJson.From(rows, model.Name, cluster.Accelerator.Name, cluster.TotalGpus, cluster.NodeCount, weights, kv, maxLength, engine.GpuMemoryUtilization, engine.BlockSize);
                io.Output.WriteLine(JsonOutput.Serialize(document));
            }
            else
            {
                var title = $"{model.Name} ({Units.Billions(model.Parameters.Total)} params) on {cluster.TotalGpus}× {cluster.Accelerator.Name}, "
                    + $"weights {weights.ToString().ToLowerInvariant()}, KV cache {kv.ToString().ToLowerInvariant()}, max-model-len {maxLength}";
                io.Console.Write(FitTable.Render(rows, title));
                var fitting = rows.Count(r => r.Fits);
                io.Console.WriteLine($"{fitting} of {rows.Count} splits fit. Sizes are per GPU of the stage with the least KV room.");
            }

            return 0;
        });
        return command;
    }
}
