using System.Text.Json;
using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Performance;
using Fulcrum.Simulation;
using Fulcrum.Workloads;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum bench against serve-sim on loopback: what the client measures must be what the twin simulates.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimAgreementTests
{
    [Fact]
    public async Task Bench_MatchesSimulationAtLowLoad()
    {
        await using var server = await TwinServer.StartAsync();
        var json = Path.Combine(Path.GetTempPath(), $"fulcrum-bench-{Guid.NewGuid():N}.json");
        try
        {
            // One request at a time: no batching across requests, so the real-time run and the batch
            // simulation schedule the same steps. 4096-token prompts make TTFT about 180 ms, so a
            // millisecond of HTTP overhead stays well inside 5 %. Two warm-up requests and the median keep a
            // slow first request (JIT, connection set-up) out of the comparison.
            string[] workload = ["--input-len", "4096", "--output-len", "24", "--num-prompts", "6", "--max-concurrency", "1", "--warmup", "2"];
            var (code, _, error) = await Task.Run(() => Cli.CliRunner.Run(["bench", "--url", server.Address.AbsoluteUri, .. workload, "--json", json]));
            Assert.True(code == 0, error);

            var spec = new WorkloadSpec
            {
                NumPrompts = 6,
                InputLength = new LengthDistribution.Fixed(4096),
                OutputLength = new LengthDistribution.Fixed(24),
                MaxConcurrency = 1,
            };
            var deployment = TwinServer.Deployment();
            var predicted = Simulator.Run(new SimulationConfig { Deployment = deployment, CostModel = new StepCostModel(deployment), Workload = spec.Generate() }).Metrics;

            using var measured = JsonDocument.Parse(File.ReadAllText(json));
            var root = measured.RootElement;
            Assert.Equal(6, root.GetProperty("completed").GetInt32());
            Assert.Equal(6 * 4096, root.GetProperty("total_input_tokens").GetInt64());
            Assert.Equal(6 * 24, root.GetProperty("total_output_tokens").GetInt64());
            AssertWithin(predicted.Ttft!.Median * 1000, root.GetProperty("median_ttft_ms").GetDouble(), 0.05, "TTFT");
            AssertWithin(predicted.Tpot!.Median * 1000, root.GetProperty("median_tpot_ms").GetDouble(), 0.05, "TPOT");
            Assert.Equal("usage", root.GetProperty("output_tokens_source").GetString());
            Assert.False(root.GetProperty("interrupted").GetBoolean());
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static void AssertWithin(double expected, double actual, double relative, string metric) =>
        Assert.True(Math.Abs(actual - expected) <= relative * expected, $"{metric}: measured {actual:F2} ms, simulated {expected:F2} ms, more than {relative:P0} apart");
}
