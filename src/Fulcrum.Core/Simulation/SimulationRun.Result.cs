using Fulcrum.Metrics;
using Fulcrum.Performance;

namespace Fulcrum.Simulation;

/// <summary>Turns the finished run's state into a <see cref="SimulationResult"/>.</summary>
internal sealed partial class SimulationRun
{
    public SimulationResult ToResult(SimulationConfig config, long kvBlocksPerReplica)
    {
        var timelines = new RequestTimeline[requests.Length];
        var replicaOf = new int[requests.Length];
        var preempted = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            ref var r = ref requests[i];
            timelines[i] = new RequestTimeline(
                r.Scheduled, r.Arrival, Optional(r.Start), Optional(r.FirstToken), r.End, r.InputTokens,
                r.Outcome == RequestOutcome.Completed ? r.Generated : 0, r.Outcome);
            replicaOf[i] = r.Replica;
            preempted += r.Preemptions > 0 ? 1 : 0;
        }

        var gpus = config.Deployment.TotalGpus;
        var metrics = MetricsCalculator.Compute(timelines, tokens, gpus, config.Slo, config.Workload.MaxConcurrency is not null);
        return new SimulationResult
        {
            Config = config,
            Metrics = metrics,
            Engine = EngineStatistics(metrics.DurationSeconds, kvBlocksPerReplica, config.Deployment.Engine.BlockSize, preempted),
            Requests = timelines,
            RequestReplicas = replicaOf,
            Timeline = timeline,
        };
    }

    private EngineStatistics EngineStatistics(double duration, long kvBlocksPerReplica, int blockSize, int preemptedRequests)
    {
        var busy = default(StepCost);
        var computeSeconds = 0.0;
        var inFlightStageSeconds = 0.0;
        var bubble = 0.0;
        long steps = 0;
        long prefill = 0;
        long decode = 0;
        long sequences = 0;
        long decodeSteps = 0;
        long preemptions = 0;
        foreach (var replica in replicas)
        {
            busy += replica.BusyTime;
            computeSeconds += replica.StageBusySeconds.Sum();
            inFlightStageSeconds += replica.InFlightSeconds * replica.Stages;
            bubble += replica.BubbleSeconds();
            steps += replica.Steps;
            prefill += replica.PrefillTokens;
            decode += replica.DecodeTokens;
            sequences += replica.ScheduledSequences;
            decodeSteps += replica.DecodeSteps;
            preemptions += replica.Scheduler.Preemptions;
        }

        var stages = replicas.Length == 0 ? 0 : replicas[0].Stages;
        ChangeQueueLength(duration, 0);
        return new EngineStatistics
        {
            Replicas = replicas.Length,
            Stages = stages,
            KvCacheBlocksPerReplica = kvBlocksPerReplica,
            KvCacheTokensPerReplica = kvBlocksPerReplica * blockSize,
            Steps = steps,
            PrefillTokens = prefill,
            DecodeTokens = decode,
            MeanBatchSequences = steps == 0 ? null : sequences / (double)steps,
            MeanBatchTokens = steps == 0 ? null : (prefill + decode) / (double)steps,
            MeanDecodeBatchSequences = decodeSteps == 0 ? null : decode / (double)decodeSteps,
            BusyTime = busy,
            GpuUtilization = duration > 0 ? computeSeconds / (stages * replicas.Length * duration) : null,
            BubbleSeconds = bubble,
            BubbleFraction = inFlightStageSeconds > 0 ? bubble / inFlightStageSeconds : null,
            MeanKvCacheUsage = kvUsage.Mean(duration),
            MaxKvCacheUsage = kvUsage.Max,
            KvCacheUsageSeries = kvUsage.Points(duration),
            MeanQueueLength = duration > 0 ? queueIntegral / duration : null,
            MaxQueueLength = maxQueueLength,
            Preemptions = preemptions,
            PreemptedRequests = preemptedRequests,
            RejectedTooLong = rejectedTooLong,
            RejectedOverKvCapacity = rejectedOverKv,
        };
    }

    private static double? Optional(double value) => double.IsNaN(value) ? null : value;
}
