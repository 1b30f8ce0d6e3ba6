using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Http.Serving;
using Fulcrum.Performance;
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
    public void ServeSim_RejectsBadFault()
    {
        var (code, _, error) = CliRunner.Run("serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--port", "0", "--fault", "explode=0.1");
        Assert.Equal(2, code);
        Assert.Contains("unknown fault 'explode'", error, StringComparison.Ordinal);
    }
}
