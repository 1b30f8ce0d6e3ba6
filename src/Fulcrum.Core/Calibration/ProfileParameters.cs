using Fulcrum.Performance.Profiles;

namespace Fulcrum.Calibration;

/// <summary>
/// The profile parameters a calibration fits and the mapping between a profile and the vector of their logarithms.
/// Efficiencies are bounded at 0.95: no kernel sustains the full datasheet peak. Prior widths: 0.15 where a measured matmul benchmark (MAMF) backs the default, 0.25 to 0.3 for efficiency
/// estimates, 0.7 (a factor of two) for latencies and overheads, which depend most on the software version.
/// </summary>
public static class ProfileParameters
{
    private const double Micro = 1e-6;

    /// <summary>Every parameter a fit may change, in vector order.</summary>
    public static IReadOnlyList<ProfileParameter> All { get; } =
    [
        new("gemm.bf16.max_efficiency", "fraction", 0.1, 0.95, 0.15, "measured matmul efficiency (MAMF)",
            p => p.GemmBf16.MaxEfficiency, (p, v) => p with { GemmBf16 = p.GemmBf16 with { MaxEfficiency = v } }),
        new("gemm.fp8.max_efficiency", "fraction", 0.1, 0.95, 0.2, "MAMF, or the bf16 figure scaled where none was measured",
            p => p.GemmFp8.MaxEfficiency, (p, v) => p with { GemmFp8 = p.GemmFp8 with { MaxEfficiency = v } }),
        new("gemm.bf16.half_efficiency_tokens", "tokens", 4, 1024, 0.7, "estimate from GEMM tile sizes",
            p => p.GemmBf16.HalfEfficiencyTokens, (p, v) => p with { GemmBf16 = p.GemmBf16 with { HalfEfficiencyTokens = v } }),
        new("gemm.fp8.half_efficiency_tokens", "tokens", 4, 1024, 0.7, "estimate from GEMM tile sizes",
            p => p.GemmFp8.HalfEfficiencyTokens, (p, v) => p with { GemmFp8 = p.GemmFp8 with { HalfEfficiencyTokens = v } }),
        new("hbm_bandwidth_fraction", "fraction", 0.3, 0.95, 0.15, "estimate below the streaming-copy bandwidth",
            p => p.HbmBandwidthFraction, (p, v) => p with { HbmBandwidthFraction = v }),
        new("attention.prefill_compute_efficiency", "fraction", 0.1, 0.95, 0.3, "estimate for flash attention",
            p => p.PrefillAttentionEfficiency, (p, v) => p with { PrefillAttentionEfficiency = v }),
        new("attention.decode_bandwidth_efficiency", "fraction", 0.2, 0.95, 0.25, "estimate for paged decode attention",
            p => p.DecodeAttentionBandwidthEfficiency, (p, v) => p with { DecodeAttentionBandwidthEfficiency = v }),
        new("collective.bandwidth_fraction", "fraction", 0.2, 0.95, 0.3, "estimate for large all-reduces",
            p => p.CollectiveBandwidthFraction, (p, v) => p with { CollectiveBandwidthFraction = v }),
        new("collective.hop_latency_us", "µs", 1 * Micro, 60 * Micro, 0.7, "one measured all-reduce latency, other versions differ",
            p => p.CollectiveHopLatencySeconds, (p, v) => p with { CollectiveHopLatencySeconds = v }, 1e6),
        new("cpu.step_fixed_us", "µs", 20 * Micro, 5000 * Micro, 0.7, "estimate of the engine's per-step CPU time",
            p => p.CpuStepFixedSeconds, (p, v) => p with { CpuStepFixedSeconds = v }, 1e6),
        new("cpu.per_sequence_us", "µs", 0.1 * Micro, 50 * Micro, 0.7, "estimate of the engine's per-request CPU time",
            p => p.CpuPerSequenceSeconds, (p, v) => p with { CpuPerSequenceSeconds = v }, 1e6),
    ];

    /// <summary>Natural logarithms of the parameters' values in <paramref name="profile"/>.</summary>
    public static double[] ToLog(HardwareProfile profile, IReadOnlyList<ProfileParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(parameters);
        var theta = new double[parameters.Count];
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = Math.Log(parameters[i].Read(profile));
        }

        return theta;
    }

    /// <summary><paramref name="profile"/> with each parameter set to exp(<paramref name="theta"/>[i]).</summary>
    public static HardwareProfile Apply(HardwareProfile profile, IReadOnlyList<ProfileParameter> parameters, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(parameters);
        if (theta.Length != parameters.Count)
        {
            throw new ArgumentException($"Expected {parameters.Count} values, got {theta.Length}.", nameof(theta));
        }

        var result = profile;
        for (var i = 0; i < theta.Length; i++)
        {
            result = parameters[i].Write(result, Math.Exp(theta[i]));
        }

        return result;
    }

    /// <summary>The parameters named by <paramref name="keys"/>, in vector order; all of them when null.</summary>
    public static IReadOnlyList<ProfileParameter> Select(IEnumerable<string>? keys)
    {
        if (keys is null)
        {
            return All;
        }

        var requested = keys.ToHashSet(StringComparer.Ordinal);
        var unknown = requested.Where(k => All.All(p => p.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new Errors.InputException($"Unknown profile parameter(s) {string.Join(", ", unknown)}; fittable ones: {string.Join(", ", All.Select(p => p.Key))}.");
        }

        return All.Where(p => requested.Contains(p.Key)).ToList();
    }
}
