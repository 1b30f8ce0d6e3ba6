using System.Collections.Concurrent;
using Fulcrum.Errors;
using Fulcrum.Text;

namespace Fulcrum.Workloads.Traces;

/// <summary>
/// Built-in traces embedded from <c>data/traces</c> (sources and licences in its README), resolvable by a short
/// name, and resolution of <c>--trace</c> values that are either such a name or a file path.
/// </summary>
public static class TraceCatalog
{
    private sealed record Entry(string Name, string Resource, string Description);

    private static readonly Entry[] Entries =
    [
        new("azure-conv", "azure_llm_2023_conv.csv", "Azure LLM inference 2023, conversation service: 19,366 requests over 58 min"),
        new("azure-code", "azure_llm_2023_code.csv", "Azure LLM inference 2023, coding service: 8,819 requests over 57 min"),
        new("mooncake-conv", "mooncake_fast25_conversation.jsonl", "Mooncake (Kimi) FAST'25 conversation trace: 12,031 requests over 59 min"),
    ];

    private static readonly ConcurrentDictionary<string, Trace> Loaded = new(StringComparer.Ordinal);

    /// <summary>The short names, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>One line per built-in trace: its name and what it holds.</summary>
    public static IReadOnlyList<(string Name, string Description)> Describe() =>
        Entries.Select(e => (e.Name, e.Description)).ToArray();

    /// <summary>
    /// Resolves a built-in name (case-insensitive) or a path to a trace file. Built-in traces are parsed once per
    /// process and shared, since callers such as a planner replay them many times.
    /// </summary>
    public static Trace Resolve(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            throw new InputException($"The trace name is empty; pass a built-in name ({string.Join(", ", Names)}) or a file path.");
        }

        var entry = Entries.FirstOrDefault(e => string.Equals(e.Name, nameOrPath.Trim(), StringComparison.OrdinalIgnoreCase));
        if (entry is not null)
        {
            return Loaded.GetOrAdd(entry.Name, _ => LoadBuiltIn(entry));
        }

        if (File.Exists(nameOrPath))
        {
            return TraceReader.Read(nameOrPath);
        }

        throw new InputException(
            $"Trace '{nameOrPath}' is neither a built-in trace ({string.Join(", ", Names)}) nor an existing file.{NameSuggester.DidYouMean(nameOrPath, Names)}");
    }

    private static Trace LoadBuiltIn(Entry entry)
    {
        var resource = "traces/" + entry.Resource;
        using var stream = typeof(TraceCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded trace '{resource}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return TraceReader.Read(reader, entry.Name);
    }
}
