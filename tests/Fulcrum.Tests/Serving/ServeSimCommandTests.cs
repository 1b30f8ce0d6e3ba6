using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Http.Serving;
using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum serve-sim from its command line: the flags reach the server, and chat benchmarks run against it.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimCommandTests
{
    [Fact]
    public async Task ServeSim_ServesChatToBench()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<SimServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] args = ["serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--port", "0", "--served-model-name", "twin"];
        var serve = Task.Run(() =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            return CliApp.Run(args, output, error, io => [ServeSimCommand.Create(io, d => new StepCostModel(d), started.SetResult, stop.Token)]);
        });
        var server = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var (code, output, error) = await Task.Run(() => CliRunner.Run(
                "bench", "--url", server.Address.AbsoluteUri, "--endpoint", "chat", "--input-len", "16", "--output-len", "4", "--num-prompts", "3", "--json", "-"));
            Assert.True(code == 0, error);
            using var document = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal("twin", document.RootElement.GetProperty("model_id").GetString());
            Assert.Equal("/v1/chat/completions", document.RootElement.GetProperty("endpoint").GetString());
            Assert.Equal(3, document.RootElement.GetProperty("completed").GetInt32());
            Assert.Equal(12, document.RootElement.GetProperty("total_output_tokens").GetInt32());
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ServeSim_ReportsDefaultReplicas()
    {
        // --tp 1 on a node of 8 H100s: --dp defaults to 8 / (TP × PP) = 8 replicas, which the start-up line and
        // /fulcrum/deployment must show.
        var deployment = Deployment.Create(ModelCatalog.Resolve("Llama-3.1-8B"), ClusterSpec.Of(HardwareCatalog.BuiltIn.Resolve("H100-SXM")), 1, 1, 8);
        var blocks = MemoryPlanner.Plan(deployment).KvCacheBlocks;
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<SimServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var output = new StringWriter();
        string[] args = ["serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--tp", "1", "--port", "0"];
        var serve = Task.Run(() =>
        {
            using var error = new StringWriter();
            return CliApp.Run(args, output, error, io => [ServeSimCommand.Create(io, d => new StepCostModel(d), started.SetResult, stop.Token)]);
        });
        var server = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        string body;
        try
        {
            using var http = new HttpClient();
            body = await http.GetStringAsync(new Uri(server.Address, "fulcrum/deployment"));
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
        var expected = $"Deployment: Llama-3.1-8B on 8× H100-SXM as TP1×PP1×DP8 (8 replicas of 1 GPU), weights bf16, KV cache bf16, "
            + $"{blocks.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} KV blocks of 16 tokens per replica, max-model-len 131072, "
            + "max-num-seqs 256, max-num-batched-tokens 8192, vllm-v1 batching, round-robin router";
        Assert.Contains(expected + Environment.NewLine, output.ToString(), StringComparison.Ordinal);

        using var document = System.Text.Json.JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(8, root.GetProperty("gpus").GetInt32());
        Assert.Equal(1, root.GetProperty("tp").GetInt32());
        Assert.Equal(1, root.GetProperty("pp").GetInt32());
        Assert.Equal(8, root.GetProperty("dp").GetInt32());
        Assert.Equal(blocks, root.GetProperty("kv_cache_blocks_per_replica").GetInt64());
        Assert.Equal(blocks * 16, root.GetProperty("kv_cache_tokens_per_replica").GetInt64());
        Assert.Equal("round-robin", root.GetProperty("router").GetString());
        Assert.Equal(expected["Deployment: ".Length..], root.GetProperty("summary").GetString());
    }

    [Fact]
    public void ServeSim_RejectsBadFault()
    {
        var (code, _, error) = CliRunner.Run("serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--port", "0", "--fault", "explode=0.1");
        Assert.Equal(2, code);
        Assert.Contains("unknown fault 'explode'", error, StringComparison.Ordinal);
    }
}
