using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Prompts;

namespace Fulcrum.Benchmarks;

/// <summary>
/// The benchmark client at scale against <c>fulcrum serve-sim</c> on loopback, the server in a process and on a core
/// of its own (<see cref="ServeSimProcess"/>). Every stream opens at once and requests 100 tokens. An operation is
/// one whole run. After the last iteration the client-added error of that run (per token, the client's receive time
/// minus the server's time just before, and just after, the flush that sent it: an upper and a lower bound, on one
/// monotonic clock), the token rate and both processes' CPU time are written to the console and to
/// BenchmarkDotNet.Artifacts/live-client-*.txt, once per job (Fulcrum's HTTP/1.1 client or .NET's SocketsHttpHandler).
/// </summary>
[Config(typeof(HttpClientConfig))]
public class LiveClientBenchmarks : IDisposable
{
    private const int Tokens = 100;

    private const string InlineSetting = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Environment variable that passes each job's HTTP client to the benchmark process.</summary>
    private const string ClientSetting = "FULCRUM_BENCHMARK_HTTP_CLIENT";

    /// <summary>Environment variable that passes each job's no-GC region budget, in bytes, to the benchmark process.</summary>
    private const string BudgetSetting = "FULCRUM_BENCHMARK_NO_GC_BYTES";

    private ServeSimProcess server = null!;
    private StreamingClient client = null!;
    private List<PlannedRequest> plan = [];
    private LoadRun? lastRun;
    private TimeSpan clientCpu;
    private TimeSpan serverCpu;
    private TimeSpan gcPause;
    private int gcCount;
    private long allocated;

    /// <summary>
    /// Concurrent streams × prompt words. 2,000 streams on five simulated Llama-3.1-8B replicas on H100 (decode steps
    /// near 15 ms at 400 sequences) ask for about 130,000 tokens/s, above the 100,000 the client must sustain. 200
    /// prompts of 50,000 tokens go to 64 replicas so that prefill does not take the whole run.
    /// </summary>
    [Params("2000x16", "200x50000")]
    public string Shape { get; set; } = "2000x16";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var streams = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var words = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var gpus = words > 1000 ? "--gpus 64 --nodes 8" : "--gpus 5";
        server = ServeSimProcess.Start(
            $"--model Llama-3.1-8B --gpu H100 {gpus} --tp 1 --max-num-seqs 512 --served-model-name m".Split(' '));
        client = new StreamingClient(server.Address, new RequestSettings(EndpointKind.Completions, "m"), new ClientOptions { Transport = Transport });
        var filler = RandomWordPrompts.Create(words, new Random(1));
        plan = Enumerable.Range(0, streams).Select(i => new PlannedRequest(i, TimeSpan.Zero, filler, words, Tokens)).ToList();
    }

    [Benchmark]
    public int StreamAll()
    {
        // As fulcrum bench does, unless the job sets a budget of 0; starting the region collects, so it comes first.
        using var region = NoGCRegionScope.Enter(NoGCBudget);
        var clientStart = Process.GetCurrentProcess().TotalProcessorTime;
        var serverStart = server.CpuTime;
        var pauseStart = GC.GetTotalPauseDuration();
        var countStart = GC.CollectionCount(0);
        var allocatedStart = GC.GetTotalAllocatedBytes();
        lastRun = LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None).GetAwaiter().GetResult();
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientStart;
        serverCpu = server.CpuTime - serverStart;
        gcPause = GC.GetTotalPauseDuration() - pauseStart;
        gcCount = GC.CollectionCount(0) - countStart;
        allocated = GC.GetTotalAllocatedBytes() - allocatedStart;
        return lastRun.Records.Count(r => r.Status == RequestStatus.Succeeded);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (lastRun is not null)
        {
            Report(lastRun, server.StopAndReadTokenTimes());
        }

        Dispose();
    }

    public void Dispose()
    {
        client?.Dispose();
        server?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Report(LoadRun run, Dictionary<string, (long[] Before, long[] After)> flushed)
    {
        var upper = new List<double>();
        var lower = new List<double>();
        foreach (var record in run.Records)
        {
            if (record.Status != RequestStatus.Succeeded || record.RequestId is null || !flushed.TryGetValue(record.RequestId, out var writes))
            {
                continue;
            }

            for (var i = 0; i < Math.Min(Math.Min(writes.Before.Length, writes.After.Length), record.TokenTimestamps.Count); i++)
            {
                upper.Add(Stopwatch.GetElapsedTime(writes.Before[i], record.TokenTimestamps[i]).TotalMilliseconds);
                lower.Add(Stopwatch.GetElapsedTime(writes.After[i], record.TokenTimestamps[i]).TotalMilliseconds);
            }
        }

        upper.Sort();
        lower.Sort();
        var succeeded = run.Records.Count(r => r.Status == RequestStatus.Succeeded);
        var tokens = run.Records.Where(r => r.Status == RequestStatus.Succeeded).Sum(r => r.OutputTokens ?? 0);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Shape}, {Transport} HTTP client, no-GC budget {NoGCBudget / (1024 * 1024)} MiB, completions {Completions}: {succeeded}/{run.Records.Count} streams succeeded, {tokens} tokens in {run.DurationSeconds:F3} s = {tokens / run.DurationSeconds:F0} tokens/s; "
            + $"client CPU {clientCpu.TotalSeconds:F2} s ({clientCpu.TotalMicroseconds / Math.Max(1, tokens):F1} µs/token), server CPU {serverCpu.TotalSeconds:F2} s; "
            + $"client GC: {gcCount} collections, {gcPause.TotalMilliseconds:F1} ms paused, {allocated / 1e6:F1} MB allocated; "
            + $"client-added error ms over {upper.Count} tokens, from the flush's start: {Summary(upper)}; from its end: {Summary(lower)}; ")
            + (server.Pinning ?? "processes not pinned");
        Console.WriteLine(text);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        File.WriteAllText(Path.Combine("BenchmarkDotNet.Artifacts", $"live-client-{Shape}-{Transport}-{NoGCBudget / (1024 * 1024)}.txt"), text + Environment.NewLine);
    }

    private static long NoGCBudget => long.Parse(Environment.GetEnvironmentVariable(BudgetSetting) ?? "0", CultureInfo.InvariantCulture);

    private static ClientTransport Transport => Enum.Parse<ClientTransport>(Environment.GetEnvironmentVariable(ClientSetting) ?? nameof(ClientTransport.Streaming));

    /// <summary>Where socket completions ran in this job: "inline" or "thread-pool".</summary>
    private static string Completions => Environment.GetEnvironmentVariable(InlineSetting) == "1" ? "inline" : "thread-pool";

    private static string Summary(List<double> sorted) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(sorted, 0.50):F3}, p90 {Percentile(sorted, 0.90):F3}, p99 {Percentile(sorted, 0.99):F3}, max {(sorted.Count > 0 ? sorted[^1] : double.NaN):F3}");

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    /// <summary>
    /// Three jobs, all with socket completions inline as <c>fulcrum bench</c> runs (see src/Fulcrum.Cli/Program.cs):
    /// <c>fulcrum bench</c>'s defaults (Fulcrum's HTTP/1.1 client, each run in a 256 MiB no-GC region), the same
    /// client collecting as usual, and .NET's SocketsHttpHandler collecting as usual, to show what each part is worth.
    /// Two warm-up runs first, so the client and the server are compiled to their final tier before measuring.
    /// </summary>
    private sealed class HttpClientConfig : ManualConfig
    {
        public HttpClientConfig()
        {
            var jobs = new[]
            {
                ("Bench", ClientTransport.Streaming, NoGCRegionScope.DefaultBudgetBytes),
                ("StreamingCollecting", ClientTransport.Streaming, 0L),
                ("DotNetCollecting", ClientTransport.DotNet, 0L),
            };
            foreach (var (id, transport, budget) in jobs)
            {
                AddJob(Job.Default
                    .WithStrategy(RunStrategy.Monitoring)
                    .WithLaunchCount(1)
                    .WithWarmupCount(2)
                    .WithIterationCount(3)
                    .WithEnvironmentVariables(
                        new EnvironmentVariable(InlineSetting, "1"),
                        new EnvironmentVariable(ClientSetting, transport.ToString()),
                        new EnvironmentVariable(BudgetSetting, budget.ToString(CultureInfo.InvariantCulture)))
                    .WithId(id));
            }
        }
    }
}
