namespace Fulcrum.Specs.Deployments;

/// <summary>Checks a deployment against the rules serving engines enforce, collecting every problem.</summary>
public static class DeploymentValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Deployment d)
    {
        var problems = new List<ValidationProblem>();
        var m = d.Model;
        var engine = d.Engine;

        void Add(string rule, string message) => problems.Add(new ValidationProblem(rule, message));

        if (d.Tp < 1 || d.Pp < 1 || d.Dp < 1)
        {
            Add("positive-degrees", $"TP, PP and DP must each be at least 1; got TP={d.Tp}, PP={d.Pp}, DP={d.Dp}.");
            return problems;
        }

        if (m.NumAttentionHeads % d.Tp != 0)
        {
            Add("tp-divides-heads", $"TP={d.Tp} does not divide the {m.NumAttentionHeads} attention heads; use a TP among {Divisors(m.NumAttentionHeads, d.Cluster.TotalGpus)}.");
        }
        else if (m.NumKeyValueHeads % d.Tp != 0 && d.Tp % m.NumKeyValueHeads != 0)
        {
            Add("tp-kv-heads", $"TP={d.Tp} neither divides nor is a multiple of the {m.NumKeyValueHeads} KV heads; engines cannot shard or replicate them evenly.");
        }

        if (d.TotalGpus > d.Cluster.TotalGpus)
        {
            var needed = (int)Math.Ceiling(d.TotalGpus / (double)d.Cluster.GpusPerNode);
            var fix = d.Cluster.NodeCount < needed
                ? $"; to span nodes, pass --nodes {needed} (and --gpus {needed * d.Cluster.GpusPerNode})"
                : "; lower TP, PP or DP";
            Add("gpu-count", $"TP×PP×DP = {d.Tp}×{d.Pp}×{d.Dp} = {d.TotalGpus} GPUs exceeds the {d.Cluster.TotalGpus} available{fix}.");
        }

        if (d.Pp > m.NumLayers)
        {
            Add("pp-layers", $"PP={d.Pp} exceeds the model's {m.NumLayers} layers; use PP of at most {m.NumLayers}.");
        }

        if (d.Tp > d.Cluster.GpusPerNode && d.Tp % d.Cluster.GpusPerNode != 0)
        {
            Add("tp-node-boundary", $"TP={d.Tp} spans nodes of {d.Cluster.GpusPerNode} GPUs unevenly; use a multiple of {d.Cluster.GpusPerNode}.");
        }
        else if (d.Tp < d.Cluster.GpusPerNode && d.Cluster.GpusPerNode % d.Tp != 0)
        {
            Add("tp-node-packing", $"TP={d.Tp} does not divide the {d.Cluster.GpusPerNode} GPUs of a node, so some TP group would straddle two nodes; use a divisor of {d.Cluster.GpusPerNode}.");
        }

        if (engine.GpuMemoryUtilization is <= 0 or > 1 || double.IsNaN(engine.GpuMemoryUtilization))
        {
            Add("gpu-memory-utilization", $"GPU memory utilization {engine.GpuMemoryUtilization} must be in (0, 1]; vLLM's default is 0.9.");
        }

        if (engine.BlockSize < 1)
        {
            Add("block-size", $"KV block size {engine.BlockSize} must be positive; vLLM uses 16.");
        }

        if (engine.MaxNumSeqs < 1)
        {
            Add("max-num-seqs", $"max-num-seqs {engine.MaxNumSeqs} must be at least 1.");
        }

        if (engine.MaxNumBatchedTokens < 1)
        {
            Add("max-num-batched-tokens", $"max-num-batched-tokens {engine.MaxNumBatchedTokens} must be at least 1.");
        }

        if (engine.RuntimeReserveBytes < 0)
        {
            Add("runtime-reserve", $"Runtime reserve {engine.RuntimeReserveBytes} bytes must not be negative.");
        }

        if (engine.MaxModelLength is { } length)
        {
            if (length < 1)
            {
                Add("max-model-len", $"max-model-len {length} must be at least 1.");
            }
            else if (length > m.MaxPositionEmbeddings)
            {
                Add("max-model-len", $"max-model-len {length} exceeds the model's max_position_embeddings ({m.MaxPositionEmbeddings}); use at most {m.MaxPositionEmbeddings}.");
            }
        }

        // vLLM refuses to start in this case, because a prompt longer than the step budget could never be scheduled.
        if (!engine.ChunkedPrefill && engine.MaxNumBatchedTokens < d.MaxModelLength)
        {
            Add("batched-tokens-vs-length", $"Without chunked prefill, max-num-batched-tokens ({engine.MaxNumBatchedTokens}) must be at least max-model-len ({d.MaxModelLength}); raise it, lower --max-model-len or enable chunked prefill.");
        }

        if (engine.LongPrefillTokenThreshold < 0)
        {
            Add("long-prefill-token-threshold", $"long-prefill-token-threshold {engine.LongPrefillTokenThreshold} must not be negative; 0 turns it off.");
        }

        if (engine.MaxLongPartialPrefills is < 1)
        {
            Add("max-long-partial-prefills", $"max-long-partial-prefills {engine.MaxLongPartialPrefills} must be at least 1; leave it unset for no limit.");
        }

        return problems;
    }

    private static string Divisors(int n, int limit) =>
        string.Join(", ", Enumerable.Range(1, Math.Max(1, limit)).Where(t => n % t == 0));
}
