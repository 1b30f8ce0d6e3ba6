using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Validation;

/// <summary>
/// Resolves a measurement to catalog entries, or returns why the step-time model cannot price it directly. Only
/// static-batch and latency runs with fixed lengths and a batch size qualify: offline and server runs have a batch
/// set by the engine's scheduler and need the serving simulator.
/// </summary>
public static class MeasurementMapper
{
    /// <summary>Returns the case, or null with <paramref name="skipReason"/> set.</summary>
    public static ValidationCase? Map(Measurement m, HardwareCatalog catalog, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(catalog);
        skipReason = Check(m);
        if (skipReason is not null)
        {
            return null;
        }

        var acceleratorName = AcceleratorName(m.Hardware, out skipReason);
        if (acceleratorName is null)
        {
            return null;
        }

        var model = Model(m.Model, out skipReason);
        if (model is null)
        {
            return null;
        }

        if (!TryWeights(m.WeightDtype, out var weights, out skipReason) || !TryKvCache(m.KvDtype, out var kv, out skipReason))
        {
            return null;
        }

        var metric = Metric(m, out var perGpu, out skipReason);
        if (metric is null)
        {
            return null;
        }

        return new ValidationCase
        {
            Measurement = m,
            Model = model,
            Accelerator = catalog.Resolve(acceleratorName),
            Weights = weights,
            KvCache = kv,
            KvCacheAssumed = m.KvDtype is null,
            Batch = m.Batch!.Value,
            Isl = m.Isl!.Value,
            Osl = m.Osl!.Value,
            Metric = metric.Value,
            PerGpu = perGpu,
        };
    }

    /// <summary>
    /// The catalog accelerator a hardware description names. H100 and A100 rows that do not say PCIe are read as
    /// SXM boards; an A100 of 40 GB has no catalog entry.
    /// </summary>
    public static string? AcceleratorName(string hardware, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var h = hardware.ToUpperInvariant();
        skipReason = null;
        string? name = h switch
        {
            _ when h.Contains("MI355X", StringComparison.Ordinal) => "MI355X",
            _ when h.Contains("MI325X", StringComparison.Ordinal) => "MI325X",
            _ when h.Contains("MI300X", StringComparison.Ordinal) => "MI300X",
            _ when h.Contains("B200", StringComparison.Ordinal) => "B200",
            _ when h.Contains("H200", StringComparison.Ordinal) => "H200-SXM",
            _ when h.Contains("H100", StringComparison.Ordinal) && !h.Contains("PCIE", StringComparison.Ordinal) => "H100-SXM",
            _ when h.Contains("A100", StringComparison.Ordinal) && !h.Contains("40GB", StringComparison.Ordinal) && !h.Contains("PCIE", StringComparison.Ordinal) => "A100-SXM-80GB",
            _ => null,
        };
        if (name is null)
        {
            skipReason = $"hardware '{hardware}' has no entry in the accelerator catalog";
        }

        return name;
    }

    private static string? Check(Measurement m)
    {
        if (m.Scenario is "offline" or "server")
        {
            return $"{m.Scenario} run: the engine's scheduler sets the batch, so it needs the serving simulator";
        }

        if (m.Isl is null || m.Osl is null)
        {
            return $"input and output lengths '{m.IslText}' and '{m.OslText}' are not fixed token counts";
        }

        if (m.Batch is null)
        {
            return m.BatchOrConcurrency is null ? "the batch size is not stated" : $"batch '{m.BatchOrConcurrency}' is not a plain batch size";
        }

        return null;
    }

    private static ModelArchitecture? Model(string text, out string? skipReason)
    {
        // "Llama-3.1-405B-Instruct (amd/Llama-3.1-405B-Instruct-FP8-KV)": the name before the checkpoint note.
        var bracket = text.IndexOf(" (", StringComparison.Ordinal);
        var name = (bracket >= 0 ? text[..bracket] : text).Trim();
        skipReason = null;
        try
        {
            return ModelCatalog.Resolve(name);
        }
        catch (InputException)
        {
            skipReason = $"model '{name}' is not in the model catalog";
            return null;
        }
    }

    private static bool TryWeights(string? text, out WeightPrecision weights, out string? skipReason)
    {
        weights = WeightPrecision.Bf16;
        skipReason = null;
        if (text is null)
        {
            skipReason = "weight precision is not stated";
            return false;
        }

        try
        {
            weights = Precisions.ParseWeights(text);
            return true;
        }
        catch (InputException)
        {
            skipReason = $"weight precision '{text}' is not modelled";
            return false;
        }
    }

    private static bool TryKvCache(string? text, out KvCachePrecision kv, out string? skipReason)
    {
        kv = KvCachePrecision.Bf16;
        skipReason = null;
        if (text is null)
        {
            return true;
        }

        try
        {
            kv = Precisions.ParseKvCache(text.Split(' ')[0]);
            return true;
        }
        catch (InputException)
        {
            skipReason = $"KV-cache precision '{text}' is not modelled";
            return false;
        }
    }

    private static ValidationMetric? Metric(Measurement m, out bool perGpu, out string? skipReason)
    {
        perGpu = m.Statistic.Contains("per GPU", StringComparison.OrdinalIgnoreCase);
        skipReason = null;
        var throughput = m.Metric is "output_tok_per_s" or "total_tok_per_s" or "requests_per_s";
        if (throughput && !perGpu && !m.Statistic.StartsWith("aggregate", StringComparison.OrdinalIgnoreCase))
        {
            skipReason = $"statistic '{m.Statistic}' does not say whether the throughput is per GPU or total";
            return null;
        }

        if (m.Statistic.Contains("p90", StringComparison.OrdinalIgnoreCase) || (m.Metric != "e2e_latency_s" && m.Statistic.Contains("median", StringComparison.OrdinalIgnoreCase)))
        {
            skipReason = $"statistic '{m.Statistic}' is not modelled; a static batch gives means";
            return null;
        }

        return m.Metric switch
        {
            "e2e_latency_s" => ValidationMetric.EndToEndSeconds,
            "output_tok_per_s" => ValidationMetric.OutputTokensPerSecond,
            "total_tok_per_s" => ValidationMetric.TotalTokensPerSecond,
            "requests_per_s" => ValidationMetric.RequestsPerSecond,
            "ttft_ms" => ValidationMetric.TimeToFirstTokenMs,
            _ => ValidationMetric.TimePerOutputTokenMs,
        };
    }
}
