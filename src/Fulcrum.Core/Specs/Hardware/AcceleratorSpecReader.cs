using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Errors;

namespace Fulcrum.Specs.Hardware;

/// <summary>
/// Reads accelerator files (schema in data/hardware and docs/HARDWARE.md). A user file either describes
/// a new accelerator in full or names a built-in one in <c>base</c> and overrides only some fields,
/// such as <c>gpus_per_node</c>, the <c>fabric</c> or the <c>network</c>.
/// </summary>
public static class AcceleratorSpecReader
{
    private const double Giga = 1e9;
    private const double Tera = 1e12;
    private const double Micro = 1e-6;
    private const long GiB = 1L << 30;

    public static AcceleratorSpec Parse(string json, string source, Func<string, JsonObject?>? baseLookup = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new InputException($"Hardware file '{source}' must contain a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InputException($"Hardware file '{source}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        if (root["base"] is JsonValue baseValue)
        {
            var baseName = baseValue.GetValue<string>();
            var baseObject = baseLookup?.Invoke(baseName)
                ?? throw new InputException($"Hardware file '{source}': base accelerator '{baseName}' is not in the catalog.");
            root = Merge(baseObject, root);
        }

        return FromObject(root, source);
    }

    /// <summary>Overlays <paramref name="overrides"/> on a copy of <paramref name="baseObject"/>, merging nested objects.</summary>
    internal static JsonObject Merge(JsonObject baseObject, JsonObject overrides)
    {
        var result = (JsonObject)baseObject.DeepClone();
        foreach (var (key, value) in overrides)
        {
            if (key == "base")
            {
                continue;
            }

            if (value is JsonObject child && result[key] is JsonObject existing)
            {
                result[key] = Merge(existing, child);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        // An override without its own aliases must not inherit the base's, or both would answer to one name.
        if (overrides["aliases"] is null)
        {
            result["aliases"] = new JsonArray();
        }

        return result;
    }

    private static AcceleratorSpec FromObject(JsonObject root, string source)
    {
        var fabric = Object(root, "fabric", source);
        var network = Object(root, "network", source);
        var peaks = Object(root, "peak_dense_tflops", source);
        var topologyText = String(fabric, "topology", source, "fabric.");
        var topology = topologyText switch
        {
            "switch" => FabricTopology.Switch,
            "full_mesh" => FabricTopology.FullMesh,
            _ => throw new InputException($"Hardware file '{source}': fabric.topology '{topologyText}' is not supported; use 'switch' or 'full_mesh'."),
        };

        var sources = new Dictionary<string, string>();
        if (root["sources"] is JsonObject sourceObject)
        {
            foreach (var (key, value) in sourceObject)
            {
                sources[key] = value?.ToString() ?? string.Empty;
            }
        }

        return new AcceleratorSpec
        {
            Name = String(root, "name", source),
            FullName = root["full_name"]?.GetValue<string>() ?? String(root, "name", source),
            Vendor = root["vendor"]?.GetValue<string>() ?? "unknown",
            Aliases = root["aliases"] is JsonArray aliases ? aliases.Select(a => a!.GetValue<string>()).ToArray() : [],
            HbmCapacityBytes = (long)(Positive(root, "hbm_capacity_gib", source) * GiB),
            HbmBandwidthBytesPerSecond = Positive(root, "hbm_bandwidth_tb_per_s", source) * Tera,
            PeakBf16FlopsPerSecond = Positive(peaks, "bf16", source, "peak_dense_tflops.") * Tera,
            PeakFp8FlopsPerSecond = OptionalPositive(peaks, "fp8", source, "peak_dense_tflops.") * Tera,
            PeakInt8OpsPerSecond = OptionalPositive(peaks, "int8", source, "peak_dense_tflops.") * Tera,
            Fabric = new FabricSpec
            {
                Topology = topology,
                LinksPerGpu = (int)Positive(fabric, "links_per_gpu", source, "fabric."),
                LinkBandwidthBytesPerSecond = Positive(fabric, "link_bandwidth_gb_per_s", source, "fabric.") * Giga,
                GpuBandwidthBytesPerSecond = Positive(fabric, "gpu_bandwidth_gb_per_s", source, "fabric.") * Giga,
                LatencySeconds = Positive(fabric, "latency_us", source, "fabric.") * Micro,
            },
            GpusPerNode = (int)Positive(root, "gpus_per_node", source),
            Network = new NetworkSpec
            {
                NicBandwidthBytesPerSecond = Positive(network, "nic_bandwidth_gb_per_s", source, "network.") * Giga,
                LatencySeconds = Positive(network, "latency_us", source, "network.") * Micro,
            },
            PowerWatts = OptionalPositive(root, "power_w", source) ?? 0,
            Sources = sources,
        };
    }

    private static JsonObject Object(JsonObject root, string field, string source) =>
        root[field] as JsonObject ?? throw new InputException($"Hardware file '{source}' is missing the object '{field}'.");

    private static string String(JsonObject root, string field, string source, string prefix = "")
    {
        if (root[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            return text;
        }

        throw new InputException($"Hardware file '{source}' is missing the text field '{prefix}{field}'.");
    }

    private static double Positive(JsonObject root, string field, string source, string prefix = "") =>
        OptionalPositive(root, field, source, prefix)
        ?? throw new InputException($"Hardware file '{source}' is missing the number '{prefix}{field}'.");

    private static double? OptionalPositive(JsonObject root, string field, string source, string prefix = "")
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<double>(out var number))
        {
            throw new InputException($"Hardware file '{source}': '{prefix}{field}' must be a number, got {node.ToJsonString()}.");
        }

        if (number <= 0 || double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new InputException($"Hardware file '{source}': '{prefix}{field}' must be positive, got {number}.");
        }

        return number;
    }
}
