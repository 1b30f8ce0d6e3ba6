using System.Collections.Concurrent;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Planning;

/// <summary>
/// Searches every split, precision and engine cap that fits, simulates each under the workload, and picks the
/// recommended, lowest-latency and highest-throughput configurations.
/// </summary>
public sealed class Planner
{
    private readonly IServingEvaluator evaluator;
    private readonly PlanExplainer explainer;

    public Planner(IServingEvaluator evaluator, PlanExplainer explainer)
    {
        this.evaluator = evaluator;
        this.explainer = explainer;
    }

    /// <summary>Lists the candidate deployments and the splits left out, without simulating.</summary>
    public static (IReadOnlyList<Deployment> Candidates, IReadOnlyList<FitRow> Excluded) Enumerate(PlanOptions options)
    {
        var candidates = new List<Deployment>();
        var excluded = new List<FitRow>();
        foreach (var weights in options.Weights.Distinct())
        {
            foreach (var kv in options.KvCaches.Distinct())
            {
                foreach (var row in FitAnalyzer.Analyze(options.Model, options.Cluster, weights, kv, options.Engine))
                {
                    if (!row.Fits)
                    {
                        excluded.Add(row);
                        continue;
                    }

                    foreach (var seqs in options.MaxNumSeqs.Distinct())
                    {
                        foreach (var tokens in options.MaxNumBatchedTokens.Distinct())
                        {
                            foreach (var chunked in options.ChunkedPrefill.Distinct())
                            {
                                var engine = options.Engine with { MaxNumSeqs = seqs, MaxNumBatchedTokens = tokens, ChunkedPrefill = chunked };
                                var d = row.Plan!.Deployment with { Engine = engine };
                                if (DeploymentValidator.Validate(d).Count == 0 && MemoryPlanner.Plan(d).Fits)
                                {
                                    candidates.Add(d);
                                }
                            }
                        }
                    }
                }
            }
        }

        return (candidates, excluded);
    }

    /// <summary>Runs the whole search. <paramref name="progress"/> receives the number of candidates finished.</summary>
    public PlanResult Run(PlanOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        var (deployments, excluded) = Enumerate(options);
        var results = new CandidateEvaluation[deployments.Count];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellation };
        Parallel.For(0, deployments.Count, parallel, i =>
        {
            results[i] = Evaluate(deployments[i], options);
            progress?.Report((Interlocked.Increment(ref done), deployments.Count));
        });

        return Assemble(options, results, excluded);
    }

    private CandidateEvaluation Evaluate(Deployment d, PlanOptions options)
    {
        var light = evaluator.Evaluate(d, LightRate(options));
        var saturated = evaluator.Evaluate(d, null);

        // A configuration that misses the SLA at a light load misses it at any load, so only the others are searched.
        // The search starts at half the saturated request throughput, near where the SLA usually binds.
        var start = Math.Max(LightRate(options), saturated.RequestThroughput / 2);
        var capacity = light.Meets(options.Sla)
            ? CapacitySearch.Find(evaluator, d, options.Sla, start)
            : new CapacityResult(0, null, light, 0);
        var atTarget = options.TargetRate is { } target ? evaluator.Evaluate(d, target) : null;
        return new CandidateEvaluation
        {
            Deployment = d,
            LightLoad = light,
            Saturated = saturated,
            CapacityRps = capacity.AtCapacity is null ? 0 : capacity.CapacityRps,
            AtCapacity = capacity.AtCapacity,
            AboveCapacity = capacity.AboveCapacity,
            AtTarget = atTarget,
            SimulatedRuns = capacity.Runs + 2 + (atTarget is null ? 0 : 1),
        };
    }

    /// <summary>A light load: a tenth of the workload's own rate, at most 0.5 requests/s, so queues stay short.</summary>
    private double LightRate(PlanOptions options) => Math.Min(0.5, (evaluator.NaturalRate ?? 5.0) / 10);

    private PlanResult Assemble(PlanOptions options, CandidateEvaluation[] candidates, IReadOnlyList<FitRow> excluded)
    {
        int? recommended = null;
        var eligible = Enumerable.Range(0, candidates.Length)
            .Where(i => candidates[i].MeetsSla)
            .Where(i => options.TargetRate is null || candidates[i].AtTarget?.Meets(options.Sla) == true)
            .ToList();
        if (eligible.Count > 0)
        {
            recommended = eligible.OrderByDescending(i => candidates[i].GoodputPerGpu).ThenBy(i => candidates[i].Gpus).First();
        }

        int? lowestLatency = candidates.Length == 0 ? null : Enumerable.Range(0, candidates.Length)
            .OrderBy(i => candidates[i].LightLoad.Latency(SloMetric.E2e, SloStatistic.P50) ?? double.PositiveInfinity)
            .ThenBy(i => candidates[i].LightLoad.Latency(SloMetric.Ttft, SloStatistic.P50) ?? double.PositiveInfinity)
            .First();
        int? highestThroughput = candidates.Length == 0 ? null : Enumerable.Range(0, candidates.Length)
            .OrderByDescending(i => candidates[i].SaturatedOutputThroughputPerGpu)
            .First();
        var nearest = recommended is null
            ? Enumerable.Range(0, candidates.Length).OrderBy(i => candidates[i].LightLoad.WorstSloRatio(options.Sla)).Take(3).ToList()
            : [];

        var points = BuildPoints(candidates);
        var interactivity = ParetoFrontier.Indices(points.Select(p => (p.OutputThroughputPerGpu, p.OutputTokensPerSecondPerUser ?? double.NaN)).ToList());
        var ttft = ParetoFrontier.Indices(points.Select(p => (p.OutputThroughputPerGpu, -(p.P99TtftMs ?? double.NaN))).ToList());

        var result = new PlanResult
        {
            Options = options,
            Candidates = candidates,
            Excluded = excluded,
            Recommended = recommended,
            LowestLatency = lowestLatency,
            HighestThroughput = highestThroughput,
            Nearest = nearest,
            Points = points,
            InteractivityFrontier = interactivity,
            TtftFrontier = ttft,
            Explanations = [],
        };
        return result with { Explanations = explainer.Explain(result) };
    }

    private static List<OperatingPoint> BuildPoints(CandidateEvaluation[] candidates)
    {
        var points = new List<OperatingPoint>();
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = candidates[i];
            Add(points, i, LoadLevel.LightLoad, c.LightLoad, c.Gpus);
            if (c.AtCapacity is not null)
            {
                Add(points, i, LoadLevel.AtCapacity, c.AtCapacity, c.Gpus);
            }

            Add(points, i, LoadLevel.Saturated, c.Saturated, c.Gpus);
        }

        return points;
    }

    private static void Add(List<OperatingPoint> points, int candidate, LoadLevel load, RunSummary run, int gpus) =>
        points.Add(new OperatingPoint(candidate, load, run.OutputThroughput / gpus, run.OutputTokensPerSecondPerUser, run.Latency(SloMetric.Ttft, SloStatistic.P99)));
}
