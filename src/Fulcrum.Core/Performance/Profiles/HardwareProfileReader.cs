using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;
using Fulcrum.Text;

namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Reads hardware profile files (format in data/profiles/README.md). A file either gives every parameter or names
/// a built-in profile in <c>base</c> and overrides only some; nested objects merge field by field. Unknown fields
/// are rejected so that a misspelt parameter cannot silently fall back to a default.
/// </summary>
public static class HardwareProfileReader
{
    /// <summary>The profile format this version reads.</summary>
    public const int SchemaVersion = 1;

    private const double Micro = 1e-6;

    private static readonly Dictionary<string, string[]> Fields = new()
    {
        [string.Empty] = ["schema_version", "name", "base", "description", "gemm", "hbm_bandwidth_fraction", "attention", "elementwise_bandwidth_efficiency", "collective", "kernel", "cpu", "sampling", "sources"],
        ["gemm"] = ["bf16", "fp8"],
        ["gemm.bf16"] = ["max_efficiency", "half_efficiency_tokens"],
        ["gemm.fp8"] = ["max_efficiency", "half_efficiency_tokens"],
        ["attention"] = ["prefill_compute_efficiency", "decode_bandwidth_efficiency"],
        ["collective"] = ["bandwidth_fraction", "hop_latency_us"],
        ["kernel"] = ["graph_overhead_us", "eager_launch_us", "graph_max_tokens"],
        ["cpu"] = ["step_fixed_us", "per_sequence_us"],
        ["sampling"] = ["fixed_us", "bytes_per_logit"],
    };

    /// <summary>Parses a profile; <paramref name="baseLookup"/> returns the raw JSON of a built-in profile by name.</summary>
    public static HardwareProfile Parse(string json, string origin, Func<string, JsonObject?>? baseLookup = null, bool isGeneric = false)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new InputException($"Profile file '{origin}' must contain a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InputException($"Profile file '{origin}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        CheckFields(root, string.Empty, origin);
        if (root["base"] is JsonValue baseValue)
        {
            var baseName = baseValue.GetValue<string>();
            var baseObject = baseLookup?.Invoke(baseName)
                ?? throw new InputException($"Profile file '{origin}': base profile '{baseName}' is not built in; use one of {string.Join(", ", HardwareProfiles.BuiltInNames)}.");
            root = AcceleratorSpecReader.Merge(baseObject, root);
        }

        return FromObject(root, origin, isGeneric);
    }

    private static HardwareProfile FromObject(JsonObject root, string origin, bool isGeneric)
    {
        var version = (int)Number(root, "schema_version", origin, string.Empty, 1, int.MaxValue);
        if (version != SchemaVersion)
        {
            throw new InputException($"Profile file '{origin}' has schema_version {version}; this version of Fulcrum reads schema_version {SchemaVersion}.");
        }

        var gemm = Object(root, "gemm", origin);
        var attention = Object(root, "attention", origin);
        var collective = Object(root, "collective", origin);
        var kernel = Object(root, "kernel", origin);
        var cpu = Object(root, "cpu", origin);
        var sampling = Object(root, "sampling", origin);

        var sources = new Dictionary<string, string>();
        if (root["sources"] is JsonObject sourceObject)
        {
            foreach (var (key, value) in sourceObject)
            {
                sources[key] = value?.ToString() ?? string.Empty;
            }
        }

        return new HardwareProfile
        {
            Name = root["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text.Length > 0
                ? text
                : throw new InputException($"Profile file '{origin}' is missing the text field 'name'."),
            Origin = origin,
            IsGeneric = isGeneric,
            SchemaVersion = version,
            GemmBf16 = Gemm(gemm, "bf16", origin),
            GemmFp8 = Gemm(gemm, "fp8", origin),
            HbmBandwidthFraction = Fraction(root, "hbm_bandwidth_fraction", origin, string.Empty),
            PrefillAttentionEfficiency = Fraction(attention, "prefill_compute_efficiency", origin, "attention."),
            DecodeAttentionBandwidthEfficiency = Fraction(attention, "decode_bandwidth_efficiency", origin, "attention."),
            ElementwiseBandwidthEfficiency = Fraction(root, "elementwise_bandwidth_efficiency", origin, string.Empty),
            CollectiveBandwidthFraction = Fraction(collective, "bandwidth_fraction", origin, "collective."),
            CollectiveHopLatencySeconds = Time(collective, "hop_latency_us", origin, "collective."),
            KernelGraphOverheadSeconds = Time(kernel, "graph_overhead_us", origin, "kernel."),
            KernelEagerLaunchSeconds = Time(kernel, "eager_launch_us", origin, "kernel."),
            GraphMaxTokens = (int)Number(kernel, "graph_max_tokens", origin, "kernel.", 0, int.MaxValue),
            CpuStepFixedSeconds = Time(cpu, "step_fixed_us", origin, "cpu."),
            CpuPerSequenceSeconds = Time(cpu, "per_sequence_us", origin, "cpu."),
            SamplingFixedSeconds = Time(sampling, "fixed_us", origin, "sampling."),
            SamplingBytesPerLogit = Number(sampling, "bytes_per_logit", origin, "sampling.", 0, double.MaxValue),
            Sources = sources,
        };
    }

    private static GemmEfficiency Gemm(JsonObject gemm, string precision, string origin)
    {
        var prefix = $"gemm.{precision}.";
        var curve = gemm[precision] as JsonObject
            ?? throw new InputException($"Profile file '{origin}' is missing the object 'gemm.{precision}'.");
        var half = Number(curve, "half_efficiency_tokens", origin, prefix, 0, double.MaxValue);
        if (half <= 0)
        {
            throw new InputException($"Profile file '{origin}': '{prefix}half_efficiency_tokens' must be positive, got {Format(half)}.");
        }

        return new GemmEfficiency(Fraction(curve, "max_efficiency", origin, prefix), half);
    }

    private static void CheckFields(JsonObject node, string path, string origin)
    {
        if (!Fields.TryGetValue(path, out var allowed))
        {
            return;
        }

        foreach (var (key, value) in node)
        {
            if (!allowed.Contains(key))
            {
                var full = path.Length == 0 ? key : $"{path}.{key}";
                throw new InputException($"Profile file '{origin}' has an unknown field '{full}'.{NameSuggester.DidYouMean(key, allowed)} See data/profiles/README.md for the fields.");
            }

            if (value is JsonObject child)
            {
                CheckFields(child, path.Length == 0 ? key : $"{path}.{key}", origin);
            }
        }
    }

    private static JsonObject Object(JsonObject root, string field, string origin) =>
        root[field] as JsonObject ?? throw new InputException($"Profile file '{origin}' is missing the object '{field}'.");

    private static double Fraction(JsonObject root, string field, string origin, string prefix)
    {
        var value = Number(root, field, origin, prefix, 0, 1);
        return value > 0
            ? value
            : throw new InputException($"Profile file '{origin}': '{prefix}{field}' must be in (0, 1], got {Format(value)}.");
    }

    private static double Time(JsonObject root, string field, string origin, string prefix) =>
        Number(root, field, origin, prefix, 0, double.MaxValue) * Micro;

    private static double Number(JsonObject root, string field, string origin, string prefix, double min, double max)
    {
        var node = root[field] ?? throw new InputException($"Profile file '{origin}' is missing the number '{prefix}{field}'.");
        if (node is not JsonValue value || !value.TryGetValue<double>(out var number) || double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new InputException($"Profile file '{origin}': '{prefix}{field}' must be a number, got {node.ToJsonString()}.");
        }

        if (number < min || number > max)
        {
            var range = max == double.MaxValue || max == int.MaxValue ? $"at least {Format(min)}" : $"between {Format(min)} and {Format(max)}";
            throw new InputException($"Profile file '{origin}': '{prefix}{field}' must be {range}, got {Format(number)}.");
        }

        return number;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
