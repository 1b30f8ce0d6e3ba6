using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Fulcrum.Http.Bench;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.Results;
using Fulcrum.Reports.Json;
using Fulcrum.Reports.Tables;
using Fulcrum.Workloads;
using Spectre.Console;

namespace Fulcrum.Cli.Commands;

/// <summary>
/// <c>fulcrum bench</c>: measure a live OpenAI-compatible endpoint with the simulator's workload flags,
/// load shapes and metric definitions, so one command line can be predicted and then measured.
/// </summary>
public static class BenchCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run stopped because failures passed --max-failures.</summary>
    public const int TooManyFailures = 1;

    /// <param name="stop">Stops the run like Ctrl-C does; tests use it, the executable passes none.</param>
    /// <param name="abort">Cancels in-flight requests like a second Ctrl-C does; tests use it, the executable passes none.</param>
    public static Command Create(CliIo io, CancellationToken? stop = null, CancellationToken? abort = null)
    {
        var workload = new WorkloadOptions();
        var bench = new BenchOptions();
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file, or '-' for standard output; a sweep writes an array with one object per point." };
        var command = new Command(
            "bench",
            "Measure a live OpenAI-compatible endpoint (vLLM, SGLang, TensorRT-LLM, TGI, llama.cpp, Ollama or fulcrum serve-sim) with the same workload flags "
            + "and metrics as 'fulcrum simulate'. Streams every request over SSE and times each token; Ctrl-C stops and writes what was measured.");
        workload.AddTo(command);
        bench.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var settings = bench.Read(parse, workload.ReadSlo(parse));
            if (parse.GetValue(workload.NumPrompts) is { } count)
            {
                CommonOptions.AtLeast(count, 1, "--num-prompts");
            }

            var points = Points(workload.ReadSpec(parse), bench.ReadSweep(parse));
            var jsonPath = parse.GetValue(json);
            var recordsPath = parse.GetValue(bench.Records);
            if (jsonPath is not null and not "-")
            {
                Reports.Files.AtomicFile.RequireFolder(jsonPath, "--json", "bench.json");
            }

            if (recordsPath is not null)
            {
                Reports.Files.AtomicFile.RequireFolder(recordsPath, "--records", "records.jsonl");
            }

            using var interrupt = stop is { } external ? CancellationTokenSource.CreateLinkedTokenSource(external) : new CancellationTokenSource();
            using var cancelNow = abort is { } externalAbort ? CancellationTokenSource.CreateLinkedTokenSource(externalAbort) : new CancellationTokenSource();
            using var onStop = interrupt.Token.Register(() => io.Error.WriteLine(
                $"Stopping: no new requests; waiting up to {settings.DrainTimeout.TotalSeconds:0.#} s for in-flight requests to finish. Press Ctrl-C again to cancel them now."));
            using var onCancelNow = cancelNow.Token.Register(() => io.Error.WriteLine("Cancelling in-flight requests now; the results are still written, marked interrupted."));

            // Ctrl-C (SIGINT) and SIGTERM stop sending instead of killing the process, so the results get written.
            // A second signal cancels the requests still in flight instead of waiting for the drain time.
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                if (interrupt.IsCancellationRequested)
                {
                    cancelNow.Cancel();
                }
                else
                {
                    interrupt.Cancel();
                }
            }

            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            return RunPoints(io, settings, points, jsonPath, recordsPath, interrupt.Token, cancelNow.Token).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunPoints(CliIo io, BenchSettings settings, List<(string Label, WorkloadSpec Spec)> points, string? jsonPath, string? recordsPath, CancellationToken stop, CancellationToken abort)
    {
        var first = points[0].Spec.Generate();
        var probe = BenchPlan.Build(first, settings.Prompts, settings.Tokenizer, points[0].Spec.Seed)[0];
        probe = probe with { MaxTokens = Math.Min(probe.MaxTokens ?? 8, 8) };
        StreamingClient client;
        try
        {
            client = await BenchRunner.ConnectAsync(settings, probe, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            io.Error.WriteLine("Interrupted before measuring; no result was written.");
            return Interrupted;
        }

        using var owned = client;
        // With --json - standard output carries the JSON alone, so tables are left out and notes go to standard error.
        var jsonOnly = jsonPath == "-";
        var documents = new List<JsonObject>();
        var exit = 0;
        foreach (var (label, spec) in points)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var result = await BenchRunner.RunAsync(client, settings, spec.Generate(), spec, stop, abort).ConfigureAwait(false);
            documents.Add(BenchJson.From(result, settings));
            if (recordsPath is not null)
            {
                var path = points.Count == 1 ? recordsPath : WithSuffix(recordsPath, label);
                Reports.Files.AtomicFile.Write(path, s => RequestRecordJsonl.Write(s, result.Run.Records, result.Run.StartTimestamp));
                (jsonOnly ? io.Error : io.Output).WriteLine($"Wrote {path}");
            }

            if (!jsonOnly)
            {
                Print(io, result, settings, label);
            }

            exit = result.Run.StopReason switch
            {
                StopReason.Interrupted => Interrupted,
                StopReason.FailureThreshold => TooManyFailures,
                _ => exit,
            };
            if (result.Run.StopReason != StopReason.Completed)
            {
                break;
            }
        }

        WriteJson(io, jsonPath, documents, points.Count > 1);
        return exit;
    }

    private static void WriteJson(CliIo io, string? path, List<JsonObject> documents, bool sweep)
    {
        if (path is null || documents.Count == 0)
        {
            return;
        }

        JsonNode node = sweep ? new JsonArray([.. documents]) : documents[0];
        var text = node.ToJsonString(JsonOutput.Options);
        if (path == "-")
        {
            io.Output.WriteLine(text);
            return;
        }

        Reports.Files.AtomicFile.WriteAllText(path, text + Environment.NewLine);
        io.Console.WriteLine($"Wrote {path}");
    }

    private static void Print(CliIo io, BenchResult result, BenchSettings settings, string label)
    {
        var run = result.Run;
        var state = run.StopReason switch
        {
            StopReason.Interrupted => " [yellow](interrupted)[/]",
            StopReason.FailureThreshold => " [red](stopped: failures passed --max-failures)[/]",
            _ => "",
        };
        io.Console.MarkupLine($"[bold]{Markup.Escape($"{result.ModelName} at {settings.BaseAddress}{(label.Length > 0 ? ", " + label : "")}")}[/]{state}");
        io.Console.WriteLine(result.Workload.Description);
        io.Console.Write(SimulationTable.Latencies(result.Metrics));
        io.Console.Write(SimulationTable.Throughput(result.Metrics));
        // The same snake_case names as the JSON's errors object.
        var errors = result.ErrorsByKind.Where(e => e.Value > 0).Select(e => $"{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key.ToString())} {e.Value}").ToList();
        io.Console.WriteLine(errors.Count == 0 ? "Errors: none" : "Errors: " + string.Join(", ", errors));
        if (run.Interrupted)
        {
            var cancelled = run.Records.Count(r => r.Status == RequestStatus.Cancelled);
            io.Console.WriteLine($"Requests: {run.Records.Count} of {run.PlannedCount} sent, {cancelled} cancelled in flight (left out of the metrics).");
        }
        if (result.ClientGc is { } gc)
        {
            var region = (gc.NoGCRegion, gc.BudgetBytes) switch
            {
                (true, _) => "",
                (false, 0) => " (--no-gc-budget 0)",
                (false, var budget) => $" (the runtime refused a no-GC region of {budget / (1024 * 1024)} MiB, so the client collected as usual; a smaller --no-gc-budget may be accepted)",
            };
            io.Console.WriteLine(gc.Collections == 0
                ? $"Client garbage collections during the run: none{region}."
                : $"Client garbage collections during the run: {gc.Collections}, pausing it {gc.PauseMilliseconds:0.#} ms in all{region}; tokens that arrived meanwhile carry that delay.");
        }

        if (run.Records.Any(r => r.Status == RequestStatus.Succeeded && r.OutputTokensApproximate))
        {
            io.Console.WriteLine("Output token counts are approximate: the server sent no usage, so text chunks (or --tokenizer) were counted.");
        }
    }

    private static List<(string Label, WorkloadSpec Spec)> Points(WorkloadSpec spec, (IReadOnlyList<double>? Rates, IReadOnlyList<int>? Concurrency) sweep)
    {
        if (sweep.Rates is { } rates)
        {
            var burstiness = spec.Arrival is ArrivalProcess.Rate r ? r.Burstiness : 1.0;
            return rates.Select(rate => ($"rate {Format(rate)}", spec with { Arrival = new ArrivalProcess.Rate(rate, burstiness) })).ToList();
        }

        if (sweep.Concurrency is { } caps)
        {
            return caps.Select(cap => ($"concurrency {cap}", spec with { MaxConcurrency = cap })).ToList();
        }

        return [("", spec)];
    }

    /// <summary>Inserts the sweep point into a records file name: runs.jsonl becomes runs.rate-2.jsonl.</summary>
    private static string WithSuffix(string path, string label)
    {
        var suffix = label.Replace(' ', '-');
        var extension = Path.GetExtension(path);
        return Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.{suffix}{extension}");
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
