using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Http.Serving;
using Fulcrum.Performance;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Serving;

/// <summary>fulcrum compare PLAN.json MEASURED.json: the plan's recommendation simulated under a measured run's workload.</summary>
[Collection(LoopbackTimingGroup.Name)]
public sealed class ComparePlanTests : IDisposable
{
    /// <summary>Llama-3.1-8B on 2× H100 with one cap pair: three splits (TP2, PP2, DP2), planned in about a second.</summary>
    private static readonly string[] TinyPlan =
    [
        "plan", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "2", "--max-model-len", "4096",
        "--max-num-seqs-grid", "32", "--max-num-batched-tokens-grid", "2048", "--num-prompts", "20", "--sla", "chat",
    ];

    /// <summary>The measured run's traffic: 12 requests of 64 prompt and 8 output tokens, Poisson at 20 requests/s.</summary>
    private static readonly string[] Traffic = ["--input-len", "64", "--output-len", "8", "--num-prompts", "12", "--request-rate", "20", "--seed", "3"];

    private readonly string folder = Directory.CreateTempSubdirectory("fulcrum-compare-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ComparePlan_PredictsWhatSimulateGives()
    {
        var plan = Path.Combine(folder, "plan.json");
        var (planCode, _, planError) = CliRunner.Run([.. TinyPlan, "--json", plan]);
        Assert.True(planCode == 0, planError);
        var recommended = Recommended(plan);
        var split = new[] { "--tp", Field(recommended, "tp"), "--pp", Field(recommended, "pp"), "--dp", Field(recommended, "dp") };
        string[] deployment =
        [
            "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "2", "--max-model-len", "4096",
            "--max-num-seqs", Field(recommended, "max_num_seqs"), "--max-num-batched-tokens", Field(recommended, "max_num_batched_tokens"), .. split,
        ];

        var measured = Path.Combine(folder, "measured.json");
        await BenchAgainstServeSimAsync(deployment, ["bench", .. Traffic, "--json", measured]);
        var (simulateCode, simulateOutput, simulateError) = CliRunner.Run(["simulate", .. deployment, .. Traffic, "--json", "-"]);
        Assert.True(simulateCode == 0, simulateError);
        var simulated = JsonNode.Parse(simulateOutput)!.AsObject();

        var (code, output, error) = CliRunner.Run("compare", plan, measured, "--json", "-");

        Assert.True(code == 0, error);
        var comparison = JsonNode.Parse(output)!.AsObject();
        var label = recommended["label"]!.GetValue<string>();
        Assert.Contains(label, comparison["simulated_configuration"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("12 requests, Poisson at 20 req/s, input 64, output 8, seed 3", comparison["simulated_workload"]!.GetValue<string>(), StringComparison.Ordinal);
        var metrics = comparison["metrics"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Contains(metrics, m => m["name"]!.GetValue<string>() == "mean_ttft_ms");
        foreach (var metric in metrics)
        {
            var name = metric["name"]!.GetValue<string>();
            var expected = simulated[name]?.GetValue<double>();
            var predicted = metric["predicted"]?.GetValue<double>();
            Assert.True(expected == predicted, $"{name}: compare predicted {predicted}, simulate gave {expected}");
        }
    }

    [Fact]
    public async Task ComparePlan_ConsoleNamesConfigurationAndWorkload()
    {
        var plan = Path.Combine(folder, "plan.json");
        Assert.Equal(0, CliRunner.Run([.. TinyPlan, "--json", plan]).ExitCode);
        var recommended = Recommended(plan);
        string[] deployment =
        [
            "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "2", "--max-model-len", "4096",
            "--tp", Field(recommended, "tp"), "--pp", Field(recommended, "pp"), "--dp", Field(recommended, "dp"),
        ];
        var measured = Path.Combine(folder, "measured.json");
        var records = Path.Combine(folder, "runs.jsonl");
        await BenchAgainstServeSimAsync(deployment, ["bench", .. Traffic, "--json", measured, "--records", records]);

        var (code, output, error) = CliRunner.Run("compare", plan, measured, "--records", records);

        Assert.True(code == 0, error);
        Assert.Contains("Simulated the plan's recommended configuration " + recommended["label"]!.GetValue<string>(), output, StringComparison.Ordinal);
        Assert.Contains("12 requests replayed from " + records, output, StringComparison.Ordinal);
        Assert.Contains("mean_ttft_ms", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlan_RejectsPlanWithoutRecommendation()
    {
        var plan = WritePlan(p => p["recommended"] = null);
        var (code, _, error) = CliRunner.Run("compare", plan, WriteMeasured(_ => { }));
        Assert.Equal(2, code);
        Assert.Contains("recommends no configuration", error, StringComparison.Ordinal);
        Assert.Contains("fulcrum simulate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlan_RejectsPlanWithoutEngine()
    {
        var plan = WritePlan(p => p.Remove("engine"));
        var (code, _, error) = CliRunner.Run("compare", plan, WriteMeasured(_ => { }));
        Assert.Equal(2, code);
        Assert.Contains("no 'engine' field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RejectsFileOfNeitherKind()
    {
        var other = Path.Combine(folder, "other.json");
        File.WriteAllText(other, """{"model": "Llama-3.1-8B"}""");
        var (code, _, error) = CliRunner.Run("compare", other, WriteMeasured(_ => { }));
        Assert.Equal(2, code);
        Assert.Contains("neither a serving result", error, StringComparison.Ordinal);
        Assert.Contains("nor a plan", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlan_RejectsPlanAsMeasured()
    {
        var plan = WritePlan(_ => { });
        var (code, _, error) = CliRunner.Run("compare", plan, plan);
        Assert.Equal(2, code);
        Assert.Contains("MEASURED", error, StringComparison.Ordinal);
        Assert.Contains("a plan, not a serving result", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlan_PromptFileNeedsRecords()
    {
        var plan = WritePlan(_ => { });
        var (code, _, error) = CliRunner.Run("compare", plan, WriteMeasured(m => m["prompts_from_file"] = true));
        Assert.Equal(2, code);
        Assert.Contains("--records", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlan_MissingSpecNeedsRecords()
    {
        var plan = WritePlan(_ => { });
        var (code, _, error) = CliRunner.Run("compare", plan, WriteMeasured(m => m.Remove("workload_spec")));
        Assert.Equal(2, code);
        Assert.Contains("has no workload_spec", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareResults_RejectsRecords()
    {
        var measured = WriteMeasured(_ => { });
        var (code, _, error) = CliRunner.Run("compare", measured, measured, "--records", measured);
        Assert.Equal(2, code);
        Assert.Contains("only when PREDICTED is a plan", error, StringComparison.Ordinal);
    }

    /// <summary>Starts serve-sim with <paramref name="deployment"/> on a free loopback port and runs <paramref name="bench"/> against it.</summary>
    private static async Task BenchAgainstServeSimAsync(string[] deployment, string[] bench)
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<SimServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = Task.Run(() =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            return CliApp.Run(["serve-sim", .. deployment, "--port", "0"], output, error, io => [ServeSimCommand.Create(io, d => new StepCostModel(d), started.SetResult, stop.Token)]);
        });
        var server = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var (code, _, error) = await Task.Run(() => CliRunner.Run([.. bench, "--url", server.Address.AbsoluteUri]));
            Assert.True(code == 0, error);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static JsonObject Recommended(string planPath)
    {
        var plan = JsonNode.Parse(File.ReadAllText(planPath))!.AsObject();
        var label = plan["recommended"]!.GetValue<string>();
        return plan["configurations"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["label"]!.GetValue<string>() == label);
    }

    private static string Field(JsonObject configuration, string name) => configuration[name]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);

    /// <summary>Plans the tiny grid and writes the plan changed by <paramref name="edit"/>.</summary>
    private string WritePlan(Action<JsonObject> edit)
    {
        var (code, output, error) = CliRunner.Run([.. TinyPlan, "--json"]);
        Assert.True(code == 0, error);
        var plan = JsonNode.Parse(output)!.AsObject();
        edit(plan);
        var path = Path.Combine(folder, $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, plan.ToJsonString());
        return path;
    }

    /// <summary>Writes a simulated result of the tiny plan's TP2 split under <see cref="Traffic"/>, changed by <paramref name="edit"/>, to stand in for a measurement.</summary>
    private string WriteMeasured(Action<JsonObject> edit)
    {
        var (code, output, error) = CliRunner.Run(["simulate", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "2", "--max-model-len", "4096", .. Traffic, "--json", "-"]);
        Assert.True(code == 0, error);
        var measured = JsonNode.Parse(output)!.AsObject();
        edit(measured);
        var path = Path.Combine(folder, $"measured-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, measured.ToJsonString(new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        return path;
    }
}
