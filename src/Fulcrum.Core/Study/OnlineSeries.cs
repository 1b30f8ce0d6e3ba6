using Fulcrum.Memory;
using Fulcrum.Performance;
using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study;

/// <summary>
/// The online runs of one model and precision under one workload: a saturated run per split, then one run per
/// request rate. The rates are fractions of the highest saturated request throughput among the splits, so every
/// split is compared at the same loads.
/// </summary>
internal sealed class OnlineSeries
{
    private readonly SplitSelection selection;
    private readonly Deployment?[] deployments;
    private readonly string?[] skipReasons;
    private readonly RunSummary?[] saturated;
    private readonly SimulationEvaluator evaluator;
    private OnlinePoint?[][] points = [];

    public OnlineSeries(StudyWorkload workload, SplitSelection selection, IStepCostModel[] costModels, StudyOptions options)
    {
        Workload = workload;
        this.selection = selection;
        var count = selection.Splits.Count;
        deployments = new Deployment?[count];
        skipReasons = new string?[count];
        saturated = new RunSummary?[count];

        var requests = workload.Spec.Generate().Requests;
        var longest = requests.Count == 0 ? 1 : requests.Max(r => r.InputTokens + r.OutputTokens);
        var engine = options.Engine with { MaxModelLength = Math.Min(longest, selection.Model.MaxPositionEmbeddings) };
        var byDeployment = new Dictionary<Deployment, IStepCostModel>(ReferenceEqualityComparer.Instance);
        for (var s = 0; s < count; s++)
        {
            var deployment = selection.Splits[s].Deployment with { Engine = engine };
            var plan = MemoryPlanner.Plan(deployment);
            if (plan.Fits)
            {
                deployments[s] = deployment;
                byDeployment[deployment] = costModels[s];
            }
            else
            {
                skipReasons[s] = $"does not fit with max-model-len {engine.MaxModelLength}: {plan.FailureReason}";
            }
        }

        evaluator = new SimulationEvaluator(workload.Spec, ServiceLevelAgreement.Preset("none"), d => byDeployment[d]);
    }

    public StudyWorkload Workload { get; }

    public int RunnableSplits => deployments.Count(d => d is not null);

    /// <summary>Request rates of the rate runs, ascending; empty until the saturated runs are done, or when none completed anything.</summary>
    public IReadOnlyList<double> Rates { get; private set; } = [];

    public IEnumerable<StudyJob> SaturatedJobs()
    {
        var cost = (double)(Workload.Spec.NumPrompts ?? 1000) * 300;
        for (var s = 0; s < deployments.Length; s++)
        {
            if (deployments[s] is { } deployment)
            {
                var index = s;
                yield return new StudyJob(cost, () => saturated[index] = evaluator.Evaluate(deployment, null));
            }
        }
    }

    /// <summary>Fixes the rates from the saturated runs and returns a job per split and rate.</summary>
    public IEnumerable<StudyJob> RateJobs(IReadOnlyList<double> loadFractions)
    {
        var highest = saturated.Max(s => s?.RequestThroughput ?? 0);
        Rates = highest > 0 ? loadFractions.Select(f => RoundToThreeDigits(f * highest)).Distinct().Order().ToList() : [];
        points = deployments.Select(_ => new OnlinePoint?[Rates.Count]).ToArray();
        var jobs = new List<StudyJob>();
        var cost = (double)(Workload.Spec.NumPrompts ?? 1000) * 300;
        for (var s = 0; s < deployments.Length; s++)
        {
            if (deployments[s] is not { } deployment)
            {
                continue;
            }

            for (var r = 0; r < Rates.Count; r++)
            {
                var (split, rate) = (s, r);
                jobs.Add(new StudyJob(cost, () => points[split][rate] = new OnlinePoint(Rates[rate], evaluator.Evaluate(deployment, Rates[rate]))));
            }
        }

        return jobs;
    }

    public IEnumerable<OnlineCurve> Curves()
    {
        for (var s = 0; s < deployments.Length; s++)
        {
            var runs = s < points.Length ? points[s].OfType<OnlinePoint>().ToList() : [];
            yield return new OnlineCurve(selection.Splits[s].Split, Workload.Name, saturated[s], runs, skipReasons[s]);
        }
    }

    /// <summary>Rounds a rate to three significant digits (whole numbers from 100 up), so tables and findings show the rate that was run.</summary>
    private static double RoundToThreeDigits(double value)
    {
        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(value)));
        return Math.Round(value, Math.Min(15, digits));
    }
}
