using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Writes a profile as a complete file in the format <see cref="HardwareProfileReader"/> reads (every parameter,
/// no <c>base</c>), so the file is self-contained and reads back to the same values.
/// </summary>
public static class HardwareProfileWriter
{
    private const double Micro = 1e6;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON text of <paramref name="profile"/>, ending in a newline.</summary>
    public static string ToJson(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var root = new JsonObject
        {
            ["schema_version"] = HardwareProfileReader.SchemaVersion,
            ["name"] = profile.Name,
        };
        if (profile.Accelerator is not null)
        {
            root["accelerator"] = profile.Accelerator;
        }

        if (profile.Description is not null)
        {
            root["description"] = profile.Description;
        }

        root["gemm"] = new JsonObject { ["bf16"] = Gemm(profile.GemmBf16), ["fp8"] = Gemm(profile.GemmFp8) };
        root["hbm_bandwidth_fraction"] = Round(profile.HbmBandwidthFraction);
        root["attention"] = new JsonObject
        {
            ["prefill_compute_efficiency"] = Round(profile.PrefillAttentionEfficiency),
            ["decode_bandwidth_efficiency"] = Round(profile.DecodeAttentionBandwidthEfficiency),
        };
        root["elementwise_bandwidth_efficiency"] = Round(profile.ElementwiseBandwidthEfficiency);
        root["collective"] = new JsonObject
        {
            ["bandwidth_fraction"] = Round(profile.CollectiveBandwidthFraction),
            ["hop_latency_us"] = Round(profile.CollectiveHopLatencySeconds * Micro),
        };
        root["kernel"] = new JsonObject
        {
            ["graph_overhead_us"] = Round(profile.KernelGraphOverheadSeconds * Micro),
            ["eager_launch_us"] = Round(profile.KernelEagerLaunchSeconds * Micro),
            ["graph_max_tokens"] = profile.GraphMaxTokens,
        };
        root["cpu"] = new JsonObject
        {
            ["step_fixed_us"] = Round(profile.CpuStepFixedSeconds * Micro),
            ["per_sequence_us"] = Round(profile.CpuPerSequenceSeconds * Micro),
        };
        root["sampling"] = new JsonObject
        {
            ["fixed_us"] = Round(profile.SamplingFixedSeconds * Micro),
            ["bytes_per_logit"] = Round(profile.SamplingBytesPerLogit),
        };
        if (profile.Calibration.Count > 0)
        {
            root["calibration"] = TextObject(profile.Calibration);
        }

        root["sources"] = TextObject(profile.Sources);
        return root.ToJsonString(Options) + "\n";
    }

    private static JsonObject Gemm(GemmEfficiency curve) => new()
    {
        ["max_efficiency"] = Round(curve.MaxEfficiency),
        ["half_efficiency_tokens"] = Round(curve.HalfEfficiencyTokens),
    };

    private static JsonObject TextObject(IReadOnlyDictionary<string, string> fields)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in fields)
        {
            obj[key] = value;
        }

        return obj;
    }

    /// <summary>Six significant digits: finer than any fitted value is known, and stable across runs.</summary>
    private static double Round(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
