using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Fulcrum.Http.Client;
using Fulcrum.Http.Load;
using Fulcrum.Http.OpenAi;
using Fulcrum.Http.Prompts;

namespace Fulcrum.Benchmarks;

/// <summary>
/// The benchmark client at scale on loopback: every stream opens at once and each receives 100 tokens 20 ms apart
/// from <see cref="TokenServer"/> in the same process, so 2,000 streams ask for 100,000 tokens/s. An operation is one
/// whole run; its time is the run's duration (2 s plus the client's and server's lateness). After the last
/// iteration the client-added error (client receive time minus server write time, per token) is written to the
/// console and to BenchmarkDotNet.Artifacts/live-client-*.txt.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LiveClientBenchmarks : IDisposable
{
    private const int Tokens = 100;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(20);

    private TokenServer server = null!;
    private StreamingClient client = null!;
    private List<PlannedRequest> plan = [];
    private LoadRun? lastRun;

    /// <summary>Concurrent streams and the prompt length in one-token words.</summary>
    [Params("2000x16", "200x50000")]
    public string Shape { get; set; } = "2000x16";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var streams = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var words = int.Parse(parts[1], CultureInfo.InvariantCulture);
        server = TokenServer.StartAsync(Tokens, Gap).GetAwaiter().GetResult();
        client = new StreamingClient(server.Address, new RequestSettings(EndpointKind.Completions, "m"), new ClientOptions());
        var filler = RandomWordPrompts.Create(words, new Random(1));
        plan = Enumerable.Range(0, streams).Select(i => new PlannedRequest(i, TimeSpan.Zero, $"id={i}" + filler, words, Tokens)).ToList();
    }

    [Benchmark]
    public int StreamAll()
    {
        server.Writes.Clear();
        lastRun = LoadDriver.RunAsync(client, plan, new LoadOptions(), CancellationToken.None).GetAwaiter().GetResult();
        return lastRun.Records.Count(r => r.Status == RequestStatus.Succeeded);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (lastRun is not null)
        {
            Report(lastRun);
        }

        Dispose();
    }

    public void Dispose()
    {
        client?.Dispose();
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    private void Report(LoadRun run)
    {
        var lags = new List<double>();
        foreach (var record in run.Records)
        {
            if (record.Status != RequestStatus.Succeeded || !server.Writes.TryGetValue(record.Index, out var writes))
            {
                continue;
            }

            for (var i = 0; i < Math.Min(writes.Length, record.TokenTimestamps.Count); i++)
            {
                lags.Add(Stopwatch.GetElapsedTime(writes[i], record.TokenTimestamps[i]).TotalMilliseconds);
            }
        }

        lags.Sort();
        var succeeded = run.Records.Count(r => r.Status == RequestStatus.Succeeded);
        var tokens = run.Records.Where(r => r.Status == RequestStatus.Succeeded).Sum(r => r.OutputTokens ?? 0);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Shape}: {succeeded}/{run.Records.Count} streams succeeded, {tokens} tokens in {run.DurationSeconds:F3} s = {tokens / run.DurationSeconds:F0} tokens/s; "
            + $"client-added error ms: p50 {Percentile(lags, 0.50):F3}, p99 {Percentile(lags, 0.99):F3}, max {(lags.Count > 0 ? lags[^1] : double.NaN):F3}");
        Console.WriteLine(text);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        File.WriteAllText(Path.Combine("BenchmarkDotNet.Artifacts", $"live-client-{Shape}.txt"), text + Environment.NewLine);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
