using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Cli.Commands;

/// <summary>The model, hardware, precision and engine-memory options, and what they resolve to.</summary>
public sealed class DeploymentOptions
{
    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = "Catalog name (see 'fulcrum models') or path to a Hugging Face config.json.",
        DefaultValueFactory = _ => "Llama-3.1-70B",
    };

    public Option<string> Gpu { get; } = new("--gpu", "-g")
    {
        Description = "Accelerator name (see 'fulcrum hardware').",
        DefaultValueFactory = _ => "MI300X",
    };

    public Option<int?> Gpus { get; } = new("--gpus")
    {
        Description = "GPUs in all; default: every GPU of the nodes.",
    };

    public Option<int> Nodes { get; } = new("--nodes")
    {
        Description = "Nodes the GPUs are spread over; needed when a split spans nodes.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string> Weights { get; } = new("--weights")
    {
        Description = "Weight precision: bf16, fp16, fp8, int8 or int4.",
        DefaultValueFactory = _ => "bf16",
    };

    public Option<string> KvCache { get; } = new("--kv-cache")
    {
        Description = "KV-cache precision: bf16 or fp8.",
        DefaultValueFactory = _ => "bf16",
    };

    public Option<int?> MaxModelLength { get; } = new("--max-model-len")
    {
        Description = "Context limit per request in tokens; default: the model's maximum.",
    };

    public Option<double> GpuMemoryUtilization { get; } = new("--gpu-memory-utilization")
    {
        Description = "Fraction of GPU memory the engine may use, in (0, 1].",
        DefaultValueFactory = _ => 0.9,
    };

    public Option<int> BlockSize { get; } = new("--block-size")
    {
        Description = "KV-cache block size in tokens.",
        DefaultValueFactory = _ => 16,
    };

    public Option<double> RuntimeReserveGib { get; } = new("--runtime-reserve-gib")
    {
        Description = "Per-GPU memory for the runtime context, communication buffers and graphs, GiB.",
        DefaultValueFactory = _ => 2.0,
    };

    public Option<int> MaxNumSeqs { get; } = new("--max-num-seqs")
    {
        Description = "Maximum sequences per engine step.",
        DefaultValueFactory = _ => 256,
    };

    public Option<int> MaxNumBatchedTokens { get; } = new("--max-num-batched-tokens")
    {
        Description = "Token budget per engine step; sizes the activation peak.",
        DefaultValueFactory = _ => 8192,
    };

    public Option<string[]> HardwareFiles { get; } = CommonOptions.HardwareFiles();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Gpu, Gpus, Nodes, Weights, KvCache, MaxModelLength, GpuMemoryUtilization, BlockSize, RuntimeReserveGib, MaxNumSeqs, MaxNumBatchedTokens, HardwareFiles })
        {
            command.Options.Add(option);
        }
    }

    public ModelArchitecture ReadModel(ParseResult parse) => ModelCatalog.Resolve(parse.GetValue(Model)!);

    public ClusterSpec ReadCluster(ParseResult parse) =>
        ResolveCluster(CommonOptions.Catalog(parse, HardwareFiles), parse.GetValue(Gpu)!, parse.GetValue(Gpus), parse.GetValue(Nodes));

    /// <summary>The cluster of <paramref name="gpus"/> (null: every GPU) <paramref name="gpu"/> accelerators over <paramref name="nodes"/> nodes, after checking the counts.</summary>
    public static ClusterSpec ResolveCluster(HardwareCatalog catalog, string gpu, int? gpus, int nodes)
    {
        var accelerator = catalog.Resolve(gpu);
        CommonOptions.AtLeast(nodes, 1, "--nodes");
        if (gpus is { } count)
        {
            CommonOptions.AtLeast(count, 1, "--gpus");
            if (count % nodes != 0)
            {
                throw new InputException($"--gpus {count} does not spread evenly over --nodes {nodes}; use a multiple of {nodes}.");
            }

            if (count / nodes > accelerator.GpusPerNode)
            {
                var needed = (int)Math.Ceiling(count / (double)accelerator.GpusPerNode);
                throw new InputException(
                    $"--gpus {count} on {nodes} node(s) means {count / nodes} GPUs per node, but a {accelerator.Name} node has {accelerator.GpusPerNode}; pass --nodes {needed}.");
            }
        }

        return ClusterSpec.Of(accelerator, gpus, nodes);
    }

    public WeightPrecision ReadWeights(ParseResult parse) => Precisions.ParseWeights(parse.GetValue(Weights)!);

    public KvCachePrecision ReadKvCache(ParseResult parse) => Precisions.ParseKvCache(parse.GetValue(KvCache)!);

    public EngineSettings ReadEngine(ParseResult parse)
    {
        var reserve = parse.GetValue(RuntimeReserveGib);
        if (reserve < 0 || double.IsNaN(reserve))
        {
            throw new InputException($"--runtime-reserve-gib must not be negative; got {reserve}.");
        }

        var utilization = parse.GetValue(GpuMemoryUtilization);
        if (utilization is <= 0 or > 1 || double.IsNaN(utilization))
        {
            throw new InputException($"--gpu-memory-utilization must be in (0, 1]; got {utilization}. vLLM's default is 0.9.");
        }

        var maxLength = parse.GetValue(MaxModelLength);
        if (maxLength is { } length)
        {
            CommonOptions.AtLeast(length, 1, "--max-model-len");
        }

        return new EngineSettings
        {
            GpuMemoryUtilization = utilization,
            BlockSize = CommonOptions.AtLeast(parse.GetValue(BlockSize), 1, "--block-size"),
            RuntimeReserveBytes = (long)(reserve * (1L << 30)),
            MaxNumSeqs = CommonOptions.AtLeast(parse.GetValue(MaxNumSeqs), 1, "--max-num-seqs"),
            MaxNumBatchedTokens = CommonOptions.AtLeast(parse.GetValue(MaxNumBatchedTokens), 1, "--max-num-batched-tokens"),
            MaxModelLength = maxLength,
        };
    }
}
