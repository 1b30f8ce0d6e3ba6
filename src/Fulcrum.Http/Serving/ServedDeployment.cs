using System.Globalization;
using System.Text.Json.Nodes;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Precisions;
using Fulcrum.Text;

namespace Fulcrum.Http.Serving;

/// <summary>
/// What a <see cref="SimServer"/> simulates, for its start-up line and <c>GET /fulcrum/deployment</c>. It states the
/// replica count, because the DP default (the GPUs divided by TP × PP) can turn <c>--tp 1</c> on an 8-GPU node
/// into 8 replicas.
/// </summary>
/// <param name="ServedModelName">The model id clients send.</param>
/// <param name="KvBlocksPerReplica">KV-cache blocks of each replica, from the memory plan unless given.</param>
public sealed record ServedDeployment(Deployment Deployment, string ServedModelName, long KvBlocksPerReplica, RouterPolicy Router)
{
    /// <summary>Describes the deployment in one line: model, GPUs, split, precisions, KV blocks per replica, context limit, batching and router.</summary>
    public string Describe()
    {
        var d = Deployment;
        var e = d.Engine;
        var replicas = (d.Dp == 1 ? "1 replica" : $"{d.Dp} replicas") + (d.GpusPerReplica == 1 ? " of 1 GPU" : $" of {d.GpusPerReplica} GPUs");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{d.Model.Name} on {d.TotalGpus}× {d.Accelerator.Name} as TP{d.Tp}×PP{d.Pp}×DP{d.Dp} ({replicas}), "
            + $"weights {d.Weights.Name()}, KV cache {d.KvCache.Name()}, {KvBlocksPerReplica:N0} KV blocks of {e.BlockSize} tokens per replica, "
            + $"max-model-len {d.MaxModelLength}, max-num-seqs {e.MaxNumSeqs}, max-num-batched-tokens {e.MaxNumBatchedTokens}, "
            + $"{EnumNames.Kebab(e.BatchingPolicy)} batching, {EnumNames.Kebab(Router)} router");
    }

    /// <summary>Builds the body of <c>GET /fulcrum/deployment</c> (fields in docs/SERVE-SIM.md).</summary>
    public JsonObject ToJson()
    {
        var d = Deployment;
        var e = d.Engine;
        return new JsonObject
        {
            ["model"] = d.Model.Name,
            ["served_model_name"] = ServedModelName,
            ["accelerator"] = d.Accelerator.Name,
            ["gpus"] = d.TotalGpus,
            ["nodes"] = d.Cluster.NodeCount,
            ["tp"] = d.Tp,
            ["pp"] = d.Pp,
            ["dp"] = d.Dp,
            ["weights"] = d.Weights.Name(),
            ["kv_cache"] = d.KvCache.Name(),
            ["kv_cache_blocks_per_replica"] = KvBlocksPerReplica,
            ["block_size_tokens"] = e.BlockSize,
            ["kv_cache_tokens_per_replica"] = KvBlocksPerReplica * e.BlockSize,
            ["max_model_len"] = d.MaxModelLength,
            ["max_num_seqs"] = e.MaxNumSeqs,
            ["max_num_batched_tokens"] = e.MaxNumBatchedTokens,
            ["enable_chunked_prefill"] = e.ChunkedPrefill,
            ["batching_policy"] = EnumNames.Kebab(e.BatchingPolicy),
            ["router"] = EnumNames.Kebab(Router),
            ["summary"] = Describe(),
        };
    }
}
