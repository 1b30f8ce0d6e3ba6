using Fulcrum.Performance;
using Fulcrum.Planning;

namespace Fulcrum.Study;

/// <summary>
/// The mutable state of one model and precision while a study runs: a slot for every static point and online run,
/// filled by jobs on any thread, then frozen into a <see cref="ModelStudy"/>.
/// </summary>
internal sealed class StudyCase
{
    private readonly SplitSelection selection;
    private readonly StudyOptions options;
    private readonly IStepCostModel[] costModels;
    private readonly StaticPoint[] points;
    private readonly OnlineSeries[] online;

    public StudyCase(SplitSelection selection, StudyOptions options)
    {
        this.selection = selection;
        this.options = options;
        costModels = selection.Splits.Select(s => CostModels.For(s, options)).ToArray();
        points = new StaticPoint[selection.Splits.Count * options.InputLengths.Count * options.OutputLengths.Count * options.BatchSizes.Count];
        online = options.OnlineWorkloads.Select(w => new OnlineSeries(w, selection, costModels, options)).ToArray();
    }

    /// <summary>Rate runs still to come: one per runnable split, workload and load fraction.</summary>
    public int RateRunCount => online.Sum(o => o.RunnableSplits * options.LoadFractions.Count);

    /// <summary>A job per static point that fits; points that do not fit are filled in at once.</summary>
    public IEnumerable<StudyJob> StaticJobs()
    {
        var jobs = new List<StudyJob>();
        var slot = 0;
        for (var s = 0; s < selection.Splits.Count; s++)
        {
            var split = selection.Splits[s];
            var model = costModels[s];
            foreach (var input in options.InputLengths)
            {
                foreach (var output in options.OutputLengths)
                {
                    var largest = split.LargestBatch(input, output);
                    foreach (var batch in options.BatchSizes)
                    {
                        var index = slot++;
                        if (batch > largest)
                        {
                            points[index] = StaticBatchRun.Skipped(split, input, output, batch);
                            continue;
                        }

                        // An estimate for ordering only: steps grow with the output and, through chunked prefill, with the prompt,
                        // and each step's scheduling work grows with the batch.
                        var cost = (double)batch * (output + (input / 256.0)) * (1 + split.Deployment.Pp / 4.0);
                        jobs.Add(new StudyJob(cost, () => points[index] = StaticBatchRun.Run(split, model, input, output, batch)));
                    }
                }
            }
        }

        return jobs;
    }

    public IEnumerable<StudyJob> SaturatedJobs() => online.SelectMany(o => o.SaturatedJobs());

    public IEnumerable<StudyJob> RateJobs() => online.SelectMany(o => o.RateJobs(options.LoadFractions));

    public ModelStudy ToModelStudy()
    {
        var grid = new StudyGrid(selection.Splits.Select(s => s.Split).ToList(), options.InputLengths, options.OutputLengths, options.BatchSizes, points);
        var curves = online.SelectMany(o => o.Curves()).ToList();
        var rates = online.ToDictionary(o => o.Workload.Name, o => o.Rates, StringComparer.Ordinal);
        return new ModelStudy
        {
            Model = selection.Model,
            Weights = selection.Weights,
            KvCache = options.KvCache,
            Splits = selection.Splits,
            Excluded = selection.Excluded,
            Grid = grid,
            Online = curves,
            OnlineRates = rates,
            Findings = StudyFindings.Compute(grid, curves, options.Slas),
        };
    }
}
