using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Planning.Export;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Cli.Commands;

/// <summary><c>fulcrum export</c>: the launch command of one configuration for vLLM, SGLang or TensorRT-LLM.</summary>
public static class ExportCommand
{
    public static Command Create(CliIo io)
    {
        var options = new DeploymentOptions();
        var engine = new Option<string>("--engine", "-e")
        {
            Description = "Engine to launch: vllm (0.11), sglang (0.5) or trtllm (TensorRT-LLM 1.0, trtllm-serve).",
            DefaultValueFactory = _ => "vllm",
        };
        var tp = new Option<int>("--tp") { Description = "Tensor-parallel size.", DefaultValueFactory = _ => 8 };
        var pp = new Option<int>("--pp") { Description = "Pipeline-parallel size.", DefaultValueFactory = _ => 1 };
        var dp = new Option<int>("--dp") { Description = "Replicas (data-parallel size).", DefaultValueFactory = _ => 1 };
        var noChunked = new Option<bool>("--no-chunked-prefill") { Description = "Disable chunked prefill." };
        var modelId = new Option<string?>("--model-id") { Description = "Model id or checkpoint path to put in the command; default: the Hugging Face id of --model." };
        var command = new Command("export", "Print the launch command of a configuration with the engine's own flag names.");
        options.AddTo(command);
        foreach (var option in new Option[] { engine, tp, pp, dp, noChunked, modelId })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var engineSettings = options.ReadEngine(parse) with { ChunkedPrefill = !parse.GetValue(noChunked) };
            var deployment = Deployment.Create(
                options.ReadModel(parse),
                options.ReadCluster(parse),
                parse.GetValue(tp),
                parse.GetValue(pp),
                parse.GetValue(dp),
                options.ReadWeights(parse),
                options.ReadKvCache(parse),
                engineSettings);
            var plan = MemoryPlanner.Plan(deployment);
            if (!plan.Fits)
            {
                throw new InputException($"{deployment.Label} does not fit: {plan.FailureReason}. Run 'fulcrum fit' to see the splits that do.");
            }

            var launch = LaunchCommandBuilder.Build(deployment, ParseEngine(parse.GetValue(engine)!), parse.GetValue(modelId));
            io.Output.WriteLine($"# {deployment.Model.Name} as {deployment.Label} on {deployment.TotalGpus}× {deployment.Accelerator.Name}, from the options given; 'fulcrum plan --export ENGINE' exports a plan's recommendation.");
            Write(io.Output, launch);
            return 0;
        });
        return command;
    }

    public static ServingEngine ParseEngine(string text) => text.Trim().ToLowerInvariant() switch
    {
        "vllm" => ServingEngine.Vllm,
        "sglang" => ServingEngine.Sglang,
        "trtllm" or "tensorrt-llm" or "trt-llm" => ServingEngine.TrtLlm,
        _ => throw new InputException($"Unknown engine '{text}'. Use vllm, sglang or trtllm."),
    };

    public static void Write(TextWriter output, LaunchCommand launch)
    {
        if (launch.OptionsFileName is not null)
        {
            output.WriteLine($"cat > {launch.OptionsFileName} <<'EOF'");
            output.Write(launch.OptionsFileContent);
            output.WriteLine("EOF");
        }

        output.WriteLine(launch.ShellLine);
        foreach (var note in launch.Notes)
        {
            output.WriteLine($"# {note}");
        }
    }
}
