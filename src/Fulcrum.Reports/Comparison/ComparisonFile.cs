using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Errors;

namespace Fulcrum.Reports.Comparison;

/// <summary>What a file given to <c>fulcrum compare</c> contains.</summary>
public enum ComparisonFileKind
{
    /// <summary>One serving result: <c>fulcrum simulate --json</c>, <c>fulcrum bench --json</c> or a file with their fields.</summary>
    Result,

    /// <summary>A plan: <c>fulcrum plan --json</c>.</summary>
    Plan,
}

/// <summary>One input of <c>fulcrum compare</c>, read and classified by its fields.</summary>
public sealed record ComparisonFile(string Path, JsonObject Json, ComparisonFileKind Kind)
{
    private const string Accepted = "pass a file written by fulcrum simulate --json, fulcrum bench --json or (as PREDICTED) fulcrum plan --json";

    /// <summary>
    /// Reads <paramref name="path"/>; throws <see cref="InputException"/> naming <paramref name="role"/> when it cannot
    /// be read, is not one JSON object, or is neither a serving result nor a plan.
    /// </summary>
    public static ComparisonFile Read(string path, string role)
    {
        if (!File.Exists(path))
        {
            var problem = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
            throw new InputException($"{role} {path}: the path {problem}; {Accepted}.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{role} {path}: cannot read it as JSON ({e.Message}); {Accepted}.");
        }

        if (node is not JsonObject json)
        {
            var hint = node is JsonArray ? " It is an array (a sweep); extract one point first, e.g. jq '.[0]'." : "";
            throw new InputException($"{role} {path}: not a single result object.{hint} Pass a file written by fulcrum simulate --json or fulcrum bench --json.");
        }

        if (json.ContainsKey("mean_ttft_ms") && json.ContainsKey("request_throughput"))
        {
            return new ComparisonFile(path, json, ComparisonFileKind.Result);
        }

        if (json.ContainsKey("configurations") && json.ContainsKey("recommended"))
        {
            return new ComparisonFile(path, json, ComparisonFileKind.Plan);
        }

        throw new InputException(
            $"{role} {path}: neither a serving result (no mean_ttft_ms and request_throughput fields) nor a plan (no configurations and recommended fields); {Accepted}.");
    }
}
