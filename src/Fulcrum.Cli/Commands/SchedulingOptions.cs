using System.CommandLine;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Text;

namespace Fulcrum.Cli.Commands;

/// <summary>Engine scheduling options beyond the memory-related ones of <see cref="DeploymentOptions"/>, named as vLLM names its flags, and the DP router.</summary>
public sealed class SchedulingOptions
{
    public Option<string> Policy { get; } = new("--batching-policy")
    {
        Description = $"How steps are batched: {EnumNames.List<BatchingPolicy>()} (vLLM V1 continuous batching, prefill-priority as in vLLM V0 and SGLang, or static batches run to completion).",
        DefaultValueFactory = _ => EnumNames.Kebab(BatchingPolicy.VllmV1),
    };

    public Option<bool> ChunkedPrefill { get; } = new("--enable-chunked-prefill")
    {
        Description = "Whether prompts may be split across steps; pass '--enable-chunked-prefill false' to turn it off.",
        DefaultValueFactory = _ => true,
    };

    public Option<int> LongPrefillTokenThreshold { get; } = new("--long-prefill-token-threshold")
    {
        Description = "Maximum prompt tokens of one request per step; prompts longer than this are long prefills. 0 turns it off.",
        DefaultValueFactory = _ => 0,
    };

    public Option<int?> MaxLongPartialPrefills { get; } = new("--max-long-partial-prefills")
    {
        Description = "Maximum long prefills in progress at once (vLLM V0); shorter prompts may overtake. Default: no limit, as vLLM V1.",
    };

    public Option<string> Router { get; } = new("--router")
    {
        Description = $"How requests are spread over DP replicas: {EnumNames.List<RouterPolicy>()}.",
        DefaultValueFactory = _ => EnumNames.Kebab(RouterPolicy.RoundRobin),
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Policy, ChunkedPrefill, LongPrefillTokenThreshold, MaxLongPartialPrefills, Router })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the scheduling options to <paramref name="engine"/>; the deployment validator checks their ranges.</summary>
    public EngineSettings Apply(ParseResult parse, EngineSettings engine) => engine with
    {
        BatchingPolicy = EnumNames.Parse<BatchingPolicy>(parse.GetValue(Policy)!, "--batching-policy"),
        ChunkedPrefill = parse.GetValue(ChunkedPrefill),
        LongPrefillTokenThreshold = parse.GetValue(LongPrefillTokenThreshold),
        MaxLongPartialPrefills = parse.GetValue(MaxLongPartialPrefills),
    };

    public RouterPolicy ReadRouter(ParseResult parse) => EnumNames.Parse<RouterPolicy>(parse.GetValue(Router)!, "--router");
}
