using Fulcrum.Cli;
using Fulcrum.Cli.Commands;
using Fulcrum.Performance;

namespace Fulcrum.Tests.Cli;

/// <summary>
/// Every command checks its output paths before the work: a missing folder, a folder in place of a file or a file in
/// place of a folder is bad input (exit 2) naming the option, and nothing runs first.
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-outputs-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Missing(string name) => Path.Combine(folder.FullName, "missing", name);

    [Fact]
    public void Bench_RejectsMissingJsonFolderFirst()
    {
        // Nothing listens on port 9, so a check made after connecting would report --url instead.
        var (code, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9", "--ready-timeout", "1", "--json", Missing("out.json"));

        Assert.Equal(2, code);
        Assert.Contains("--json", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--url", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_RejectsRecordsFolder()
    {
        var (code, _, error) = CliRunner.Run("bench", "--url", "http://127.0.0.1:9", "--ready-timeout", "1", "--records", folder.FullName);

        Assert.Equal(2, code);
        Assert.Contains($"--records '{folder.FullName}' is a folder", error, StringComparison.Ordinal);
        Assert.Contains(".jsonl'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RejectsMissingJsonFolder()
    {
        var (code, _, error) = CliRunner.Run("plan", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--json", Missing("plan.json"));

        Assert.Equal(2, code);
        Assert.Contains("--json", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RejectsOutInsideFile()
    {
        var file = Path.Combine(folder.FullName, "m1.json");
        File.WriteAllText(file, "{}");

        var (code, _, error) = CliRunner.Run("plan", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--out", Path.Combine(file, "sub"));

        Assert.Equal(2, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
        Assert.Contains($"'{file}' is a file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RejectsOutputsBeforeReading()
    {
        // The inputs do not exist either: the output check comes first, so the error names --out.
        var (code, _, error) = CliRunner.Run("compare", Missing("a.json"), Missing("b.json"), "--out", Missing("c.md"));
        Assert.Equal(2, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);

        (code, _, error) = CliRunner.Run("compare", Missing("a.json"), Missing("b.json"), "--json", folder.FullName);
        Assert.Equal(2, code);
        Assert.Contains("--json", error, StringComparison.Ordinal);
        Assert.Contains("comparison.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_RejectsMissingTraceFolder()
    {
        var (code, _, error) = CliRunner.Run("simulate", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--num-prompts", "10", "--trace-events", Missing("t.json"));

        Assert.Equal(2, code);
        Assert.Contains("--trace-events", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeSim_RejectsTokenTimesFolder()
    {
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--port", "0", "--token-times", folder.FullName];

        // Without the check the server would start and run until stopped, so the stop token bounds a failing test.
        var serve = Task.Run(() => CliApp.Run(args, output, error, io => [ServeSimCommand.Create(io, d => new StepCostModel(d), null, stop.Token)]));
        var finished = await Task.WhenAny(serve, Task.Delay(TimeSpan.FromSeconds(30)));
        await stop.CancelAsync();

        Assert.Same(serve, finished);
        Assert.Equal(2, await serve);
        Assert.Contains($"--token-times '{folder.FullName}' is a folder", error.ToString(), StringComparison.Ordinal);
    }
}
