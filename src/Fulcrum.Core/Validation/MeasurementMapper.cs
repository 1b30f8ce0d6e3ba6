using System.Globalization;
using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;
using Fulcrum.Workloads;

namespace Fulcrum.Validation;

/// <summary>
/// Turns a measurement into the simulation that reproduces it (<see cref="ValidationCase"/>), or returns why the
/// model cannot represent it: hardware or a model outside the catalogs, a precision the step model does not price
/// (fp4), lengths given as a dataset instead of token counts, a statistic that is not modelled, or a deployment that
/// does not fit in memory.
/// </summary>
public static class MeasurementMapper
{
    /// <summary>Most prompts a serving run at a request rate simulates.</summary>
    public const int MaxOpenLoopPrompts = 500;

    /// <summary>Returns the case, or null with <paramref name="skipReason"/> set.</summary>
    public static ValidationCase? Map(Measurement m, HardwareCatalog catalog, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(catalog);
        var scenario = m.Scenario switch
        {
            "offline" => ValidationScenario.Offline,
            "server" => ValidationScenario.Serving,
            _ => ValidationScenario.StaticBatch,
        };
        var assumptions = new List<string>();
        var metric = MetricMapping.Read(m, scenario, out skipReason);
        var shape = metric is null ? null : RunShape.Read(m, scenario, assumptions, out skipReason);
        var acceleratorName = shape is null ? null : AcceleratorName(m.Hardware, out skipReason);
        var model = acceleratorName is null ? null : Model(m.Model, out skipReason);
        if (model is null || !TryWeights(m.WeightDtype, out var weights, out skipReason) || !TryKvCache(m.KvDtype, out var kv, out skipReason))
        {
            return null;
        }

        if (m.KvDtype is null && weights == WeightPrecision.Fp8 && IsModelOptCheckpoint(m))
        {
            kv = KvCachePrecision.Fp8;
            assumptions.Add("KV-cache precision not stated; fp8, because NVIDIA's ModelOpt FP8 checkpoints set kv_cache_quant_algo FP8 in hf_quant_config.json and TensorRT-LLM follows it");
        }
        else if (m.KvDtype is null)
        {
            assumptions.Add("KV-cache precision not stated; bf16, the engines' default");
        }

        var accelerator = catalog.Resolve(acceleratorName!);
        var nodes = (m.GpuCount + accelerator.GpusPerNode - 1) / accelerator.GpusPerNode;
        var cluster = ClusterSpec.Of(accelerator, m.GpuCount, nodes);
        var isl = shape!.InputLength.Max;
        var osl = shape.OutputLength.Max;
        try
        {
            Deployment Build(EngineSettings engine) => Deployment.Create(model, cluster, m.Tp, m.Pp, m.Dp, weights, kv, engine);
            long KvSequences(EngineSettings engine) => MemoryPlanner.Plan(Build(engine)).MaxSequencesAt(isl + osl);

            var engine = ApplyRun(EngineRules.Settings(m, scenario, shape, model.MaxPositionEmbeddings, KvSequences, assumptions), m.Run);
            var deployment = Build(engine);
            var plan = MemoryPlanner.Plan(deployment);
            if (!plan.Fits)
            {
                skipReason = $"does not fit in memory: {plan.FailureReason}";
                return null;
            }

            var workload = Workload(m, scenario, shape, deployment, plan, assumptions);
            return new ValidationCase
            {
                Measurement = m,
                Deployment = deployment,
                Workload = workload,
                Scenario = scenario,
                Metric = metric!.Value.Metric,
                Statistic = metric.Value.Statistic,
                PerGpu = metric.Value.PerGpu,
                StatedRequests = shape.Batch ?? shape.Prompts,
                Assumptions = assumptions,
            };
        }
        catch (InputException e)
        {
            skipReason = e.Message.ReplaceLineEndings(" ");
            return null;
        }
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

    /// <summary>
    /// The requests to simulate. Offline runs simulate at most two full batches: requests of fixed lengths sent at
    /// once run in identical waves, so more waves change the throughput by a few steps at most. Closed-loop serving
    /// simulates 4 × concurrency requests unless the source ran fewer, rate-driven serving at most 500. A run read
    /// from a result file (<see cref="Measurement.Run"/>) is simulated with exactly its own request count.
    /// </summary>
    private static Workload Workload(Measurement m, ValidationScenario scenario, RunShape shape, Deployment deployment, MemoryPlan plan, List<string> assumptions)
    {
        var stated = shape.Batch ?? shape.Prompts;
        int count;
        ArrivalProcess arrival = new ArrivalProcess.AllAtOnce();
        switch (scenario)
        {
            case var _ when m.Run is { } run:
                count = run.NumPrompts;
                if (run.RequestRate is { } runRate)
                {
                    arrival = new ArrivalProcess.Rate(runRate, run.Burstiness);
                }

                break;
            case ValidationScenario.StaticBatch:
                count = shape.Batch!.Value;
                var atOnce = plan.MaxSequencesAt(shape.InputLength.Max + shape.OutputLength.Max) * deployment.Dp;
                if (atOnce < count)
                {
                    assumptions.Add(Invariant($"the KV cache holds {atOnce} of the {count} requests at once, so the batch runs in groups"));
                }

                break;
            case ValidationScenario.Offline:
                var concurrent = Math.Max(1, Math.Min(deployment.Engine.MaxNumSeqs, plan.MaxSequencesAt(shape.InputLength.Max + shape.OutputLength.Max)) * deployment.Dp);
                count = (int)Math.Min(stated ?? 2 * concurrent, 2 * concurrent);
                break;
            default:
                if (shape.Rate is { } rate)
                {
                    arrival = new ArrivalProcess.Rate(rate);
                    count = Math.Min(stated ?? MaxOpenLoopPrompts, MaxOpenLoopPrompts);
                }
                else
                {
                    count = Math.Min(stated ?? int.MaxValue, 4 * shape.Concurrency!.Value);
                }

                break;
        }

        if (stated is { } n && count < n)
        {
            assumptions.Add(Invariant($"simulates {count:N0} of the {n:N0} prompts"));
        }
        else if (stated is null && scenario != ValidationScenario.StaticBatch)
        {
            assumptions.Add(Invariant($"prompt count not stated; simulates {count:N0}"));
        }

        var spec = new WorkloadSpec
        {
            NumPrompts = count,
            Arrival = arrival,
            InputLength = shape.InputLength,
            OutputLength = shape.OutputLength,
            MaxConcurrency = shape.Concurrency,
            Seed = m.Run?.Seed ?? 0,
        };
        return spec.Generate();
    }

    private static EngineSettings ApplyRun(EngineSettings engine, RunSettings? run) => run is null ? engine : engine with
    {
        MaxNumSeqs = run.MaxNumSeqs ?? engine.MaxNumSeqs,
        MaxNumBatchedTokens = run.MaxNumBatchedTokens ?? engine.MaxNumBatchedTokens,
        MaxModelLength = run.MaxModelLength ?? engine.MaxModelLength,
        BatchingPolicy = run.BatchingPolicy ?? engine.BatchingPolicy,
        ChunkedPrefill = run.ChunkedPrefill ?? engine.ChunkedPrefill,
        GpuMemoryUtilization = run.GpuMemoryUtilization ?? engine.GpuMemoryUtilization,
    };

    private static ModelArchitecture? Model(string text, out string? skipReason)
    {
        // "Llama-3.1-405B-Instruct (amd/Llama-3.1-405B-Instruct-FP8-KV)": the name before the checkpoint note.
        var bracket = text.IndexOf(" (", StringComparison.Ordinal);
        var name = (bracket >= 0 ? text[..bracket] : text).Trim();
        skipReason = null;
        foreach (var candidate in new[] { name, name[(name.LastIndexOf('/') + 1)..] }.Distinct(StringComparer.Ordinal))
        {
            try
            {
                return ModelCatalog.Resolve(candidate);
            }
            catch (InputException)
            {
                // A served model id such as "org/Llama-3.1-8B-Instruct" is tried again without its organization.
            }
        }

        skipReason = $"model '{name}' is not in the model catalog";
        return null;
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

    /// <summary>Whether the row names an NVIDIA ModelOpt checkpoint (in the model column or the notes).</summary>
    private static bool IsModelOptCheckpoint(Measurement m) =>
        m.Model.Contains("nvidia FP8", StringComparison.OrdinalIgnoreCase)
        || (m.Notes?.Contains("ModelOpt", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
