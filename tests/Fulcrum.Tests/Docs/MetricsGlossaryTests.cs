using System.Text.Json;
using System.Text.RegularExpressions;
using Fulcrum.Tests.Cli;

namespace Fulcrum.Tests.Docs;

public partial class MetricsGlossaryTests
{
    [Fact]
    public void EverySimulateJsonName_IsInGlossary()
    {
        var glossary = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "METRICS.md"));

        // Goodput and a concurrency cap make every optional object and statistic non-null.
        var (code, output, error) = SimulateCommandTests.Run(
            ["--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--max-model-len", "8192", "--num-prompts", "40", "--tp", "4", "--pp", "2",
             "--request-rate", "20", "--max-concurrency", "8", "--goodput", "ttft:200", "tpot:50", "e2el:5000", "--json", "-"]);
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(document.RootElement, names);
        Assert.True(names.Count > 100, $"Only {names.Count} names were emitted.");

        var missing = names.Where(name => !IsDocumented(name, glossary)).ToList();
        Assert.True(missing.Count == 0, "Not in docs/METRICS.md: " + string.Join(", ", missing));
    }

    /// <summary>A latency statistic is documented by its prefix and its stem; any other name by itself, in backticks.</summary>
    private static bool IsDocumented(string name, string glossary)
    {
        var latency = LatencyName().Match(name);
        return latency.Success
            ? glossary.Contains($"`{latency.Groups[1].Value}_`", StringComparison.Ordinal) && glossary.Contains($"`{latency.Groups[2].Value}`", StringComparison.Ordinal)
            : glossary.Contains($"`{name}`", StringComparison.Ordinal);
    }

    private static void Collect(JsonElement element, SortedSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }

    [GeneratedRegex("^(mean|median|std|p90|p95|p99|min|max)_(.+)_ms$")]
    private static partial Regex LatencyName();
}
