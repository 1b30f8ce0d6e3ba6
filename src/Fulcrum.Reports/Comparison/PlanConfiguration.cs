using System.Globalization;
using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Reports.Json;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;
using Fulcrum.Text;

namespace Fulcrum.Reports.Comparison;

/// <summary>
/// A configuration of a <c>fulcrum plan --json</c> document rebuilt as the planner simulated it: the deployment with
/// its engine settings, the hardware profile that priced its steps and the router.
/// </summary>
public sealed record PlanConfiguration(string Label, Deployment Deployment, HardwareProfile Profile, RouterPolicy Router)
{
    /// <summary>
    /// Rebuilds the plan's recommended configuration. Throws <see cref="InputException"/> when the plan recommends
    /// nothing, lacks the fields needed (a plan from an older version), or names a model, accelerator or profile that
    /// cannot be found.
    /// </summary>
    /// <param name="catalog">Accelerators to resolve the plan's by name; add the plan's --hardware-file to it.</param>
    /// <param name="model">Model name or config.json path that replaces the plan's model name; null resolves that name.</param>
    public static PlanConfiguration ReadRecommended(JsonObject plan, string path, HardwareCatalog catalog, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalog);
        var fields = new JsonFields(plan, path);
        var label = fields.OptionalText("recommended") ?? throw NoRecommendation(fields, path);
        foreach (var field in new[] { "engine", "router", "profile" })
        {
            if (!fields.Has(field))
            {
                throw new InputException($"{path}: the plan has no '{field}' field, so its configurations cannot be simulated again; run fulcrum plan --json again with this version.");
            }
        }

        var matches = fields.Array("configurations").OfType<JsonObject>()
            .Where(c => c["label"] is JsonValue value && value.TryGetValue<string>(out var text) && text == label)
            .ToList();
        if (matches.Count != 1)
        {
            throw new InputException($"{path}: {matches.Count} entries of configurations[] have the recommended label '{label}'; expected exactly one. Run fulcrum plan --json again with this version.");
        }

        var configuration = new JsonFields(matches[0], path, "configurations[" + label + "].");
        var engine = fields.Object("engine");
        var settings = new EngineSettings
        {
            GpuMemoryUtilization = engine.Number("gpu_memory_utilization"),
            BlockSize = engine.Integer("block_size_tokens"),
            RuntimeReserveBytes = engine.Long("runtime_reserve_bytes"),
            MaxModelLength = engine.OptionalInteger("max_model_len"),
            BatchingPolicy = EnumNames.Parse<BatchingPolicy>(engine.Text("batching_policy"), path + ": engine.batching_policy"),
            LongPrefillTokenThreshold = engine.Integer("long_prefill_token_threshold"),
            MaxLongPartialPrefills = engine.OptionalInteger("max_long_partial_prefills"),
            MaxNumSeqs = configuration.Integer("max_num_seqs"),
            MaxNumBatchedTokens = configuration.Integer("max_num_batched_tokens"),
            ChunkedPrefill = configuration.Boolean("chunked_prefill"),
        };

        var cluster = ClusterSpec.Of(ResolveAccelerator(catalog, fields.Text("accelerator"), path), fields.Integer("gpus"), fields.Integer("nodes"));
        var deployment = Deployment.Create(
            ResolveModel(model ?? fields.Text("model"), overridden: model is not null, path),
            cluster,
            configuration.Integer("tp"),
            configuration.Integer("pp"),
            configuration.Integer("dp"),
            Precisions.ParseWeights(configuration.Text("weights")),
            Precisions.ParseKvCache(configuration.Text("kv_cache")),
            settings);
        var profile = ResolveProfile(fields.Object("profile").Text("origin"), path);
        var router = EnumNames.Parse<RouterPolicy>(fields.Text("router"), path + ": router");
        return new PlanConfiguration(label, deployment, profile, router);
    }

    /// <summary>One line naming the configuration and everything behind it, for reports.</summary>
    public string Describe()
    {
        var d = Deployment;
        var e = d.Engine;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Label}: {d.Model.Name} on {d.TotalGpus}× {d.Accelerator.Name}, weights {d.Weights.Name()}, KV cache {d.KvCache.Name()}, "
            + $"max-num-seqs {e.MaxNumSeqs}, max-num-batched-tokens {e.MaxNumBatchedTokens}, chunked prefill {(e.ChunkedPrefill ? "on" : "off")}, "
            + $"max-model-len {d.MaxModelLength}, {EnumNames.Kebab(e.BatchingPolicy)} batching, {EnumNames.Kebab(Router)} router, profile {Profile.Name} ({Profile.Origin})");
    }

    private static InputException NoRecommendation(JsonFields plan, string path)
    {
        var nearest = plan.Has("nearest") ? plan.Array("nearest").Select(n => n?.ToString()).OfType<string>().ToList() : [];
        var candidates = nearest.Count > 0 ? $" The closest configurations were: {string.Join("; ", nearest)}." : string.Empty;
        return new InputException(
            $"{path}: the plan recommends no configuration because none met its SLA.{candidates} Pick a split, simulate it with the measured run's workload flags "
            + "(fulcrum simulate --tp N --pp N --dp N ... --json predicted.json) and compare that file instead.");
    }

    private static AcceleratorSpec ResolveAccelerator(HardwareCatalog catalog, string name, string path)
    {
        try
        {
            return catalog.Resolve(name);
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: the plan's accelerator '{name}' is unknown here: {e.Message} If the plan used --hardware-file, pass the same file to compare.", e);
        }
    }

    private static ModelArchitecture ResolveModel(string nameOrPath, bool overridden, string path)
    {
        try
        {
            return ModelCatalog.Resolve(nameOrPath);
        }
        catch (InputException e) when (!overridden)
        {
            throw new InputException($"{path}: the plan's model '{nameOrPath}' is not in the catalog: {e.Message} If the plan used a config.json, pass it with --model PATH.", e);
        }
    }

    private static HardwareProfile ResolveProfile(string origin, string path)
    {
        try
        {
            return HardwareProfiles.FromOrigin(origin);
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: cannot load the plan's hardware profile '{origin}': {e.Message}", e);
        }
    }
}
