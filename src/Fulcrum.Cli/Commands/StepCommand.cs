using System.CommandLine;
using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum step</c>: the time of one engine step per pipeline stage, by category, and the bound that dominates.</summary>
public static class StepCommand
{
    public static Command Create(CliIo io)
    {
        var options = new DeploymentOptions();
        var tp = new Option<int>("--tp") { Description = "Tensor-parallel degree.", DefaultValueFactory = _ => 8 };
        var pp = new Option<int>("--pp") { Description = "Pipeline-parallel degree.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int?>("--batch", "-b") { Description = "Decode sequences in the step (one token each); default 1 when --prefill is not given." };
        var context = new Option<int>("--context", "-c") { Description = "Context of each decode sequence in tokens, counting the new token.", DefaultValueFactory = _ => 1024 };
        var prefill = new Option<int?>("--prefill") { Description = "Prompt tokens prefilled in the step (one prompt from an empty cache); with --batch the step is mixed." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (schema in docs/JSON.md)." };
        var profileFile = CommonOptions.ProfileFile();
        var command = new Command(
            "step",
            "Price one engine step: a decode step (--batch, --context), a prefill step (--prefill) or a mixed step (both), "
            + "per pipeline stage, with seconds and shares by category and the dominant bound.");
        options.AddTo(command);
        foreach (var option in new Option[] { tp, pp, batch, context, prefill, json, profileFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var model = options.ReadModel(parse);
            var cluster = options.ReadCluster(parse);
            var deployment = Deployment.Create(
                model, cluster, parse.GetValue(tp), parse.GetValue(pp), 1, options.ReadWeights(parse), options.ReadKvCache(parse), options.ReadEngine(parse));
            var profile = CommonOptions.Profile(parse, profileFile, cluster.Accelerator);
            var prefillTokens = parse.GetValue(prefill);
            var request = new StepRequest(parse.GetValue(batch) ?? (prefillTokens is null ? 1 : null), parse.GetValue(context), prefillTokens);
            var stepBatch = request.ToBatch(deployment, MemoryPlanner.Plan(deployment));
            var breakdown = StepBreakdown.Of(new StepCostModel(deployment, profile), stepBatch);

            if (parse.GetValue(json))
            {
                io.Output.WriteLine(JsonOutput.Serialize(StepJson.From(deployment, profile, request, breakdown)));
                return 0;
            }

            io.Console.Write(StepTable.Time(breakdown, Title(deployment, request, stepBatch)));
            io.Console.Write(StepTable.Work(breakdown));
            var total = breakdown.Total;
            io.Console.WriteLine(
                $"Step {Units.Fixed(total.TotalSeconds * 1e3, 3)} ms through {deployment.Pp} stage(s), dominated by {StepTable.BoundName(total.DominantBound)}. "
                + $"Profile: {profile.Name}{ProfileKind(profile)}.");
            return 0;
        });
        return command;
    }

    private static string Title(Deployment d, StepRequest request, StepBatch batch)
    {
        var parts = new List<string>();
        if (batch.DecodeSequences > 0)
        {
            parts.Add($"decode of {batch.DecodeSequences} sequence(s) at context {request.DecodeContext}");
        }

        if (batch.PrefillTokens > 0)
        {
            parts.Add($"prefill of {batch.PrefillTokens} tokens");
        }

        return $"{d.Model.Name} on {d.Accelerator.Name}, TP{d.Tp}×PP{d.Pp}, weights {d.Weights.Name()}, KV cache {d.KvCache.Name()}: {string.Join(" + ", parts)}";
    }

    private static string ProfileKind(HardwareProfile profile)
    {
        if (profile.IsGeneric)
        {
            return " (generic: no profile for this accelerator)";
        }

        return profile.Calibration.Count > 0 ? $" (fitted to measurements, {profile.Origin})" : string.Empty;
    }
}
