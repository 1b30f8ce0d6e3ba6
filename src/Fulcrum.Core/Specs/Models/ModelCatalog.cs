using System.Reflection;
using Fulcrum.Errors;
using Fulcrum.Text;

namespace Fulcrum.Specs.Models;

/// <summary>
/// Built-in model configs, embedded from <c>data/models</c> (sources in its README), and resolution of
/// <c>--model</c> values that are either a catalog name or a path to a <c>config.json</c>.
/// </summary>
public static class ModelCatalog
{
    private sealed record Entry(string Name, string Resource, string HuggingFaceId, string[] Aliases);

    private static readonly Entry[] Entries =
    [
        new("Llama-3.1-8B", "llama-3.1-8b.json", "meta-llama/Llama-3.1-8B", ["llama-3.1-8b-instruct", "llama3.1-8b"]),
        new("Llama-3.1-70B", "llama-3.1-70b.json", "meta-llama/Llama-3.1-70B", ["llama-3.1-70b-instruct", "llama3.1-70b"]),
        new("Llama-3.1-405B", "llama-3.1-405b.json", "meta-llama/Llama-3.1-405B", ["llama-3.1-405b-instruct", "llama3.1-405b"]),
        new("Llama-3.3-70B", "llama-3.3-70b-instruct.json", "meta-llama/Llama-3.3-70B-Instruct", ["llama-3.3-70b-instruct", "llama3.3-70b"]),
        new("Qwen2.5-72B", "qwen2.5-72b-instruct.json", "Qwen/Qwen2.5-72B-Instruct", ["qwen2.5-72b-instruct"]),
        new("Mistral-Large-2407", "mistral-large-instruct-2407.json", "mistralai/Mistral-Large-Instruct-2407", ["mistral-large-instruct-2407", "mistral-large-2"]),
        new("Llama-3.2-1B", "llama-3.2-1b.json", "meta-llama/Llama-3.2-1B", ["llama-3.2-1b-instruct", "llama3.2-1b"]),
        new("Llama-2-70B", "llama-2-70b.json", "meta-llama/Llama-2-70b-hf", ["llama-2-70b-chat", "llama-2-70b-hf", "llama2-70b"]),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>Every built-in model, in catalog order.</summary>
    public static IReadOnlyList<ModelArchitecture> All() => Entries.Select(Load).ToArray();

    public static string HuggingFaceId(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)?.HuggingFaceId ?? name;

    /// <summary>
    /// Resolves a catalog name (case-insensitive, Hugging Face ids and aliases accepted) or a path to a config.json
    /// or to a folder holding one.
    /// </summary>
    public static ModelArchitecture Resolve(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            throw new InputException($"The model name is empty. Use one of: {string.Join(", ", Names)}, or a path to a config.json.");
        }

        var entry = Find(nameOrPath.Trim());
        if (entry is not null)
        {
            return Load(entry);
        }

        if (File.Exists(nameOrPath))
        {
            return ModelConfigReader.ReadFile(nameOrPath);
        }

        var inFolder = Path.Combine(nameOrPath, "config.json");
        if (Directory.Exists(nameOrPath) && File.Exists(inFolder))
        {
            return ModelConfigReader.ReadFile(inFolder);
        }

        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InputException($"Model config file '{nameOrPath}' was not found. Check the path, or use a catalog name: {string.Join(", ", Names)}.");
        }

        throw new InputException(
            $"Unknown model '{nameOrPath}'.{NameSuggester.DidYouMean(nameOrPath, Names)} Built-in models: {string.Join(", ", Names)}; "
            + "or pass a path to a Hugging Face config.json.");
    }

    private static Entry? Find(string name) =>
        Entries.FirstOrDefault(e =>
            string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(e.HuggingFaceId, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(e.Resource, name, StringComparison.OrdinalIgnoreCase)
            || e.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)));

    private static ModelArchitecture Load(Entry entry)
    {
        var resource = "models/" + entry.Resource;
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return ModelConfigReader.Parse(reader.ReadToEnd(), resource, entry.Name);
    }
}
