using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Validation;

/// <summary>
/// Predicts static-batch and latency measurements with <see cref="StaticBatchTiming"/> over a
/// <see cref="StepCostModel"/>. The deployment uses the engine defaults except max-model-len (ISL + OSL) and
/// max-num-seqs (at least the batch), as a benchmark of one static batch sets them. Rows whose batch does not fit
/// the KV cache at once are skipped: the engine would preempt or queue requests, which a static batch does not model.
/// </summary>
public sealed class StaticBatchPredictor(Func<AcceleratorSpec, HardwareProfile> profiles) : IMeasurementPredictor
{
    /// <summary>A predictor with the built-in profile of each accelerator.</summary>
    public StaticBatchPredictor()
        : this(HardwareProfiles.For)
    {
    }

    public string Description => "static batch over the step-time model, built-in hardware profiles";

    public Prediction Predict(ValidationCase validationCase)
    {
        ArgumentNullException.ThrowIfNull(validationCase);
        var c = validationCase;
        var m = c.Measurement;
        var engine = new EngineSettings { MaxModelLength = c.Isl + c.Osl, MaxNumSeqs = Math.Max(new EngineSettings().MaxNumSeqs, c.Batch) };
        var nodes = (m.GpuCount + c.Accelerator.GpusPerNode - 1) / c.Accelerator.GpusPerNode;
        Deployment deployment;
        try
        {
            deployment = Deployment.Create(c.Model, ClusterSpec.Of(c.Accelerator, m.GpuCount, nodes), m.Tp, m.Pp, m.Dp, c.Weights, c.KvCache, engine);
        }
        catch (InputException e)
        {
            return Prediction.Skip(e.Message.ReplaceLineEndings(" "));
        }

        var plan = MemoryPlanner.Plan(deployment);
        if (!plan.Fits)
        {
            return Prediction.Skip($"does not fit in memory: {plan.FailureReason}");
        }

        var needed = c.Batch * plan.Deployment.Engine.BlockSize * (long)Math.Ceiling((c.Isl + c.Osl) / (double)engine.BlockSize);
        if (needed > plan.KvCacheTokens)
        {
            return Prediction.Skip($"the batch needs {needed} KV-cache tokens but the cache holds {plan.KvCacheTokens}; the engine would preempt or queue requests");
        }

        var timing = StaticBatchTiming.Run(new StepCostModel(deployment, profiles(c.Accelerator)), c.Batch, c.Isl, c.Osl, engine.MaxNumBatchedTokens, engine.MaxNumSeqs);
        var e2e = timing.EndToEndSeconds;
        var value = c.Metric switch
        {
            ValidationMetric.EndToEndSeconds => e2e,
            ValidationMetric.OutputTokensPerSecond => (double)c.Batch * c.Osl / e2e,
            ValidationMetric.TotalTokensPerSecond => (double)c.Batch * (c.Isl + c.Osl) / e2e,
            ValidationMetric.RequestsPerSecond => c.Batch / e2e,
            ValidationMetric.TimeToFirstTokenMs => timing.MeanTimeToFirstTokenSeconds * 1e3,
            _ => c.Osl > 1 ? timing.DecodeSeconds / (c.Osl - 1) * 1e3 : double.NaN,
        };
        if (double.IsNaN(value))
        {
            return Prediction.Skip("time per output token needs at least two output tokens");
        }

        return Prediction.Of(c.PerGpu && c.Metric is not (ValidationMetric.EndToEndSeconds or ValidationMetric.TimeToFirstTokenMs or ValidationMetric.TimePerOutputTokenMs) ? value / m.GpuCount : value);
    }
}
