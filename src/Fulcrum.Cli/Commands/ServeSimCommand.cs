using System.CommandLine;
using Fulcrum.Http.Serving;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum serve-sim</c>: serve a simulated deployment as an OpenAI-compatible endpoint, a digital twin for
/// testing clients, gateways and autoscalers without GPUs.
/// </summary>
public static class ServeSimCommand
{
    /// <param name="costModels">Builds the step-cost model of a deployment.</param>
    /// <param name="started">Called with the running server; tests use it to learn the port and stop it.</param>
    /// <param name="stop">Stops the server; the executable stops on Ctrl-C or SIGTERM instead.</param>
    public static Command Create(CliIo io, Func<Deployment, IStepCostModel> costModels, Action<SimServer>? started = null, CancellationToken? stop = null)
    {
        var deployment = new DeploymentOptions();
        var split = new SplitOptions();
        var scheduling = new SchedulingOptions();
        var host = new Option<string>("--host") { Description = "Address to listen on; loopback by default.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one.", DefaultValueFactory = _ => 8000 };
        var servedName = new Option<string?>("--served-model-name") { Description = "Model id clients send and /v1/models lists; default: the model's name." };
        var faults = new Option<string[]>("--fault")
        {
            Description = "Inject a fault into a random fraction of requests, KIND[:N]=FRACTION with KIND one of status, error-event, drop, stall, slow, malformed, empty "
                + $"(e.g. status:503=0.05 or drop:10=0.01). A request can also ask for one with the header {Fault.Header}: KIND[:N].",
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<int>("--fault-seed") { Description = "Seed of the random fault draws.", DefaultValueFactory = _ => 0 };
        var tokenTimes = new Option<string?>("--token-times")
        {
            Description = "On exit, write when each streamed token was flushed to its connection to this file (JSON lines of request_id, "
                + "from the client's X-Request-Id header, and token_times_ns on the monotonic clock), to measure a client's own timing error.",
        };
        var command = new Command(
            "serve-sim",
            "Serve a simulated deployment as an OpenAI-compatible endpoint (/v1/completions, /v1/chat/completions, /v1/models, /health, and /fulcrum/deployment): "
            + "requests enter the simulator in real time and tokens stream at the simulated times, with faults on demand.");
        deployment.AddTo(command);
        split.AddTo(command);
        scheduling.AddTo(command);
        foreach (var option in new Option[] { host, port, servedName, faults, seed, tokenTimes })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var target = split.ReadDeployment(parse, deployment, scheduling);
            var options = new SimServerOptions
            {
                Deployment = target,
                CostModel = costModels(target),
                Router = scheduling.ReadRouter(parse),
                ServedModelName = parse.GetValue(servedName),
                Host = parse.GetValue(host)!,
                Port = CommonOptions.AtLeast(parse.GetValue(port), 0, "--port"),
                FaultRates = (parse.GetValue(faults) ?? []).Select(f => FaultRate.Parse(f, "--fault")).ToList(),
                Seed = parse.GetValue(seed),
                TokenTimesPath = parse.GetValue(tokenTimes),
            };
            if (options.TokenTimesPath is { } path)
            {
                Reports.Files.AtomicFile.RequireFolder(path, "--token-times", "token-times.jsonl");
            }

            return Serve(io, options, started, stop).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> Serve(CliIo io, SimServerOptions options, Action<SimServer>? started, CancellationToken? stop)
    {
        var server = await SimServer.StartAsync(options).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            io.Console.WriteLine($"Serving {server.Served.ServedModelName} at {server.Address} (Ctrl-C stops)");

            // Plain output, because the console would wrap the line at the terminal width.
            io.Output.WriteLine($"Deployment: {server.Served.Describe()}");
            started?.Invoke(server);
            await server.WaitForShutdownAsync(stop ?? CancellationToken.None).ConfigureAwait(false);
        }

        if (server.TokenTimes is { } times)
        {
            io.Console.WriteLine($"Wrote {options.TokenTimesPath} ({times.Count} responses)");
        }

        return 0;
    }
}
