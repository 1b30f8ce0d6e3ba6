using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Specs.Deployments;

/// <summary>
/// A model served on a cluster as DP replicas of TP × PP GPUs each. Build it with <see cref="Create"/>,
/// which checks every rule and reports all broken ones together.
/// </summary>
public sealed record Deployment
{
    public required ModelArchitecture Model { get; init; }

    public required ClusterSpec Cluster { get; init; }

    public required int Tp { get; init; }

    public required int Pp { get; init; }

    public int Dp { get; init; } = 1;

    public WeightPrecision Weights { get; init; } = WeightPrecision.Bf16;

    public KvCachePrecision KvCache { get; init; } = KvCachePrecision.Bf16;

    public EngineSettings Engine { get; init; } = new();

    public AcceleratorSpec Accelerator => Cluster.Accelerator;

    /// <summary>GPUs of one replica: TP × PP.</summary>
    public int GpusPerReplica => Tp * Pp;

    public int TotalGpus => Tp * Pp * Dp;

    /// <summary>Context limit per request: the engine setting, else the model's maximum.</summary>
    public int MaxModelLength => Engine.MaxModelLength ?? Model.MaxPositionEmbeddings;

    /// <summary>Whether a TP group crosses a node boundary (its all-reduces use the network).</summary>
    public bool TpSpansNodes => Tp > Cluster.GpusPerNode;

    /// <summary>Whether some pipeline boundary crosses nodes (TP is the innermost dimension, then PP).</summary>
    public bool PpSpansNodes => !TpSpansNodes && GpusPerReplica > Cluster.GpusPerNode;

    /// <summary>KV heads held by each GPU: KV heads / TP, or one replicated head when TP exceeds them.</summary>
    public int KvHeadsPerGpu => Math.Max(1, Model.NumKeyValueHeads / Tp);

    /// <summary>Short label such as "TP4×PP2×DP1".</summary>
    public string Label => $"TP{Tp}×PP{Pp}×DP{Dp}";

    /// <summary>Layers held by each pipeline stage, as vLLM splits them: evenly, with the remainder on the stages before the last.</summary>
    public IReadOnlyList<int> LayersPerStage => SplitLayers(Model.NumLayers, Pp);

    /// <summary>Creates a deployment after checking every rule; throws with all problems listed when any is broken.</summary>
    public static Deployment Create(
        ModelArchitecture model,
        ClusterSpec cluster,
        int tp,
        int pp,
        int dp = 1,
        WeightPrecision weights = WeightPrecision.Bf16,
        KvCachePrecision kvCache = KvCachePrecision.Bf16,
        EngineSettings? engine = null)
    {
        var deployment = new Deployment
        {
            Model = model,
            Cluster = cluster,
            Tp = tp,
            Pp = pp,
            Dp = dp,
            Weights = weights,
            KvCache = kvCache,
            Engine = engine ?? new EngineSettings(),
        };
        var problems = DeploymentValidator.Validate(deployment);
        if (problems.Count > 0)
        {
            throw new InputException(
                $"Deployment {deployment.Label} of {model.Name} on {cluster.TotalGpus}× {cluster.Accelerator.Name} is invalid:"
                + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p.Message)));
        }

        return deployment;
    }

    /// <summary>Splits <paramref name="layers"/> over <paramref name="stages"/>: the remainder goes one each to the stages just before the last.</summary>
    public static IReadOnlyList<int> SplitLayers(int layers, int stages)
    {
        var result = new int[stages];
        var each = layers / stages;
        var remainder = layers % stages;
        for (var s = 0; s < stages; s++)
        {
            result[s] = each;
        }

        // The last stage also holds the LM head, so the extra layers go to the stages before it
        // (vLLM's get_pp_indices does the same).
        for (var k = 0; k < remainder; k++)
        {
            result[stages - 2 - k >= 0 ? stages - 2 - k : stages - 1] += 1;
        }

        return result;
    }
}
