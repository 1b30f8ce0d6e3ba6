using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Study;

/// <summary>
/// What a TP/PP trade-off study sweeps: the models, the node, the static-batch grid (input length × output length ×
/// batch size), the online workloads and loads, and the SLAs the findings judge against.
/// </summary>
public sealed record StudyOptions
{
    /// <summary>Models studied when none are named: a model that fits on one GPU of a large-memory node and one that needs the whole node.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["Llama-3.1-70B", "Llama-3.1-405B"];

    public static IReadOnlyList<int> DefaultInputLengths { get; } = [128, 512, 2048, 8192, 32768];

    public static IReadOnlyList<int> DefaultOutputLengths { get; } = [128, 512, 2048];

    public static IReadOnlyList<int> DefaultBatchSizes { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>Online loads as fractions of the highest saturated request throughput among a model's splits.</summary>
    public static IReadOnlyList<double> DefaultLoadFractions { get; } = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0];

    /// <summary>SLA presets the findings use when none are named: an interactive, a code-completion and a batch application.</summary>
    public static IReadOnlyList<string> DefaultSlas { get; } = ["chat", "code", "summarization"];

    /// <summary>Weight precisions tried in order when none are given; each model is studied at the first at which some split fits.</summary>
    public static IReadOnlyList<WeightPrecision> AutomaticWeights { get; } = [WeightPrecision.Bf16, WeightPrecision.Fp8];

    public required IReadOnlyList<ModelArchitecture> Models { get; init; }

    public required ClusterSpec Cluster { get; init; }

    /// <summary>Weight precisions to study, each model at every one that fits; empty picks from <see cref="AutomaticWeights"/>.</summary>
    public IReadOnlyList<WeightPrecision> Weights { get; init; } = [];

    public KvCachePrecision KvCache { get; init; } = KvCachePrecision.Bf16;

    /// <summary>
    /// Memory and scheduling settings of every deployment. The study sets the batching policy, max-num-seqs and
    /// max-model-len per run; the others (memory utilization, block size, token budget, chunked prefill) apply as given.
    /// </summary>
    public EngineSettings Engine { get; init; } = new();

    public IReadOnlyList<int> InputLengths { get; init; } = DefaultInputLengths;

    public IReadOnlyList<int> OutputLengths { get; init; } = DefaultOutputLengths;

    public IReadOnlyList<int> BatchSizes { get; init; } = DefaultBatchSizes;

    /// <summary>Online workloads simulated at every load; empty for a static-batch study only.</summary>
    public IReadOnlyList<StudyWorkload> OnlineWorkloads { get; init; } = [StudyWorkload.Chat(), StudyWorkload.Summarization()];

    public IReadOnlyList<double> LoadFractions { get; init; } = DefaultLoadFractions;

    public IReadOnlyList<ServiceLevelAgreement> Slas { get; init; } = DefaultSlas.Select(ServiceLevelAgreement.Preset).ToList();

    /// <summary>Efficiencies and overheads of the accelerator; null takes its built-in profile.</summary>
    public HardwareProfile? Profile { get; init; }

    /// <summary>Simulations run at once; default every core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Returns these options with the grid lists sorted and deduplicated, after checking every value; throws
    /// <see cref="InputException"/> naming the option and the fix when one is invalid.
    /// </summary>
    public StudyOptions Normalize()
    {
        if (Models.Count == 0)
        {
            throw new InputException($"--model needs at least one model; the default study uses {string.Join(" and ", DefaultModels)}.");
        }

        var duplicate = Models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException($"--model names {duplicate.Key} more than once; name each model once.");
        }

        var inputs = Lengths(InputLengths, "--input-lens");
        var outputs = Lengths(OutputLengths, "--output-lens");
        var batches = Lengths(BatchSizes, "--batch-sizes");
        foreach (var model in Models)
        {
            var longest = inputs[^1] + outputs[^1];
            if (longest > model.MaxPositionEmbeddings)
            {
                throw new InputException(
                    $"Input {inputs[^1]} + output {outputs[^1]} = {longest} tokens exceeds {model.Name}'s max_position_embeddings ({model.MaxPositionEmbeddings}); shorten --input-lens or --output-lens.");
            }
        }

        if (!Engine.ChunkedPrefill && Engine.MaxNumBatchedTokens < inputs[^1] + outputs[^1])
        {
            throw new InputException(
                $"Without chunked prefill the token budget ({Engine.MaxNumBatchedTokens}) must cover the longest request, input {inputs[^1]} + output {outputs[^1]}; raise the budget or turn chunked prefill on.");
        }

        if (LoadFractions.Count == 0 && OnlineWorkloads.Count > 0)
        {
            throw new InputException("The online loads are empty; give at least one fraction of the saturated throughput, such as 0.5.");
        }

        foreach (var fraction in LoadFractions)
        {
            if (!(fraction > 0) || double.IsInfinity(fraction))
            {
                throw new InputException($"Online load fraction {fraction} must be a positive, finite fraction of the saturated throughput, such as 0.5.");
            }
        }

        if (Parallelism < 1)
        {
            throw new InputException($"Parallelism must be at least 1; got {Parallelism}.");
        }

        var duplicateWorkload = OnlineWorkloads.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicateWorkload is not null)
        {
            throw new InputException($"Online workload '{duplicateWorkload.Key}' is listed more than once; name each once.");
        }

        foreach (var workload in OnlineWorkloads)
        {
            workload.Spec.Validate();
        }

        return this with
        {
            InputLengths = inputs,
            OutputLengths = outputs,
            BatchSizes = batches,
            LoadFractions = LoadFractions.Distinct().Order().ToList(),
            Weights = Weights.Distinct().ToList(),
            Slas = Slas.DistinctBy(s => s.Name).ToList(),
        };
    }

    private static int[] Lengths(IReadOnlyList<int> values, string option)
    {
        if (values.Count == 0)
        {
            throw new InputException($"{option} is empty; give at least one positive whole number.");
        }

        foreach (var value in values)
        {
            if (value < 1)
            {
                throw new InputException($"{option} contains {value}; every value must be a positive whole number.");
            }
        }

        return values.Distinct().Order().ToArray();
    }
}
