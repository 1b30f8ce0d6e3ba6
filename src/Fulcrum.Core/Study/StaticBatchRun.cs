using Fulcrum.Performance;
using Fulcrum.Planning;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;
using Fulcrum.Workloads;

namespace Fulcrum.Study;

/// <summary>
/// Simulates one static-batch point, as offline latency benchmarks run it (<c>vllm bench latency</c>): a batch of
/// identical requests sent at once to an engine that admits them together and runs them to completion, with the
/// engine's token budget and chunked prefill forming the steps.
/// </summary>
internal static class StaticBatchRun
{
    /// <summary>The point without a run: the batch does not fit the KV cache.</summary>
    public static StaticPoint Skipped(StudySplit split, int input, int output, int batch) => new()
    {
        Split = split.Split,
        InputTokens = input,
        OutputTokens = output,
        BatchSize = batch,
        LargestBatch = split.LargestBatch(input, output),
    };

    /// <summary>Runs <paramref name="batch"/> requests of <paramref name="input"/> + <paramref name="output"/> tokens on <paramref name="split"/>.</summary>
    public static StaticPoint Run(StudySplit split, IStepCostModel costModel, int input, int output, int batch)
    {
        var engine = split.Deployment.Engine with
        {
            BatchingPolicy = BatchingPolicy.Static,
            MaxNumSeqs = batch,
            MaxModelLength = input + output,
        };
        var requests = new WorkloadRequest[batch];
        Array.Fill(requests, new WorkloadRequest(0, input, output));
        var tally = new PhaseTallyingCostModel(costModel);
        var result = Simulator.Run(new SimulationConfig
        {
            Deployment = split.Deployment with { Engine = engine },
            CostModel = tally,
            Workload = Workload.Of(requests),
            KvCacheBlocks = split.Plan.KvCacheBlocks,
        });
        return Skipped(split, input, output, batch) with
        {
            Run = SimulationEvaluator.Summarize(result, requestRate: null),
            Time = new TimeBreakdown(tally.Prefill, tally.Decode, result.Engine.BubbleSeconds),
        };
    }
}
