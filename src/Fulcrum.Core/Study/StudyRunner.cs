using System.Collections.Concurrent;
using Fulcrum.Errors;
using Fulcrum.Performance;

namespace Fulcrum.Study;

/// <summary>
/// Runs a study: every static-batch point that fits, then for each online workload a saturated run per split and
/// a run per request rate, in parallel over <see cref="StudyOptions.Parallelism"/> threads. Each simulation is
/// deterministic and its result lands in a fixed slot, so the result does not depend on the thread count.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs the study; <paramref name="progress"/> receives simulations done and the total.</summary>
    /// <exception cref="InputException">The options are invalid, or a model fits no split.</exception>
    public static StudyResult Run(StudyOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Normalize();
        var cases = SplitSelection.For(options).Select(s => new StudyCase(s, options)).ToList();

        var staticJobs = cases.SelectMany(c => c.StaticJobs()).ToList();
        var saturatedJobs = cases.SelectMany(c => c.SaturatedJobs()).ToList();
        var rateRuns = cases.Sum(c => c.RateRunCount);
        var total = staticJobs.Count + saturatedJobs.Count + rateRuns;
        var counter = new ProgressCounter(progress, total);

        // The saturated runs set each workload's rates, so they run with the static points, before the rate runs.
        RunAll(staticJobs.Concat(saturatedJobs), options.Parallelism, counter, cancellation);
        RunAll(cases.SelectMany(c => c.RateJobs()), options.Parallelism, counter, cancellation);

        return new StudyResult
        {
            Options = options,
            Models = cases.Select(c => c.ToModelStudy()).ToList(),
            SimulatedRuns = counter.Done,
        };
    }

    /// <summary>Runs the jobs costliest first, each thread taking the next one as it frees up, so the slowest point does not run last.</summary>
    private static void RunAll(IEnumerable<StudyJob> jobs, int parallelism, ProgressCounter counter, CancellationToken cancellation)
    {
        var ordered = jobs.OrderByDescending(j => j.Cost).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };
        try
        {
            Parallel.ForEach(Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering), parallel, job =>
            {
                job.Run();
                counter.Increment();
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is InputException) is { } input)
        {
            // A simulation that rejects its deployment rejects the user's settings: report it as bad input, once.
            throw input;
        }
    }

    private sealed class ProgressCounter(IProgress<(int Done, int Total)>? progress, int total)
    {
        private int done;

        public int Done => Volatile.Read(ref done);

        public void Increment()
        {
            var now = Interlocked.Increment(ref done);
            progress?.Report((now, total));
        }
    }
}

/// <summary>One simulation to run, with an estimate of its cost for ordering.</summary>
internal sealed record StudyJob(double Cost, Action Run);

/// <summary>Cost models shared by every run of one split: pricing a step allocates nothing and changes no state.</summary>
internal static class CostModels
{
    public static IStepCostModel For(StudySplit split, StudyOptions options) =>
        options.Profile is { } profile ? new StepCostModel(split.Deployment, profile) : new StepCostModel(split.Deployment);
}
