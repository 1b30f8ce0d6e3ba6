using Fulcrum.Errors;
using Fulcrum.Memory;
using Fulcrum.Specs.Deployments;
using Fulcrum.Specs.Models;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Study;

/// <summary>The splits of one model at one weight precision that the study runs, and those left out.</summary>
internal sealed record SplitSelection(ModelArchitecture Model, WeightPrecision Weights, IReadOnlyList<StudySplit> Splits, IReadOnlyList<FitRow> Excluded)
{
    /// <summary>
    /// Chooses the precisions and splits of every model. A split is studied when it passes every deployment rule and
    /// its KV cache has room for one request of the shortest input plus the shortest output. Longer points without room
    /// are recorded as not fitting. Without named precisions each model takes the first automatic precision at which a
    /// split fits. A model or named precision at which nothing fits is bad input.
    /// </summary>
    public static IReadOnlyList<SplitSelection> For(StudyOptions options)
    {
        var engine = PlanningEngine(options);
        var selections = new List<SplitSelection>();
        foreach (var model in options.Models)
        {
            if (options.Weights.Count > 0)
            {
                foreach (var weights in options.Weights)
                {
                    var selection = Select(model, weights, options, engine);
                    if (selection.Splits.Count == 0)
                    {
                        throw new InputException(
                            $"{model.Name} in {weights.Name()} fits no split of {Node(options)}: {Reason(selection)}. Drop {weights.Name()} from --weights, or add GPUs.");
                    }

                    selections.Add(selection);
                }

                continue;
            }

            SplitSelection? chosen = null;
            foreach (var weights in StudyOptions.AutomaticWeights)
            {
                chosen = Select(model, weights, options, engine);
                if (chosen.Splits.Count > 0)
                {
                    break;
                }
            }

            if (chosen is null || chosen.Splits.Count == 0)
            {
                var tried = string.Join(" or ", StudyOptions.AutomaticWeights.Select(w => w.Name()));
                throw new InputException(
                    $"{model.Name} fits no split of {Node(options)} in {tried}: {(chosen is null ? "no precision tried" : Reason(chosen))}. Add GPUs (--gpus, --nodes) or name a smaller precision with --weights, such as int4.");
            }

            selections.Add(chosen);
        }

        return selections;
    }

    /// <summary>
    /// Engine settings the memory plan of every split is made with: max-num-seqs covers the largest batch and the
    /// online cap, so one KV capacity per split serves every run. Max-model-len is the shortest grid request.
    /// </summary>
    private static EngineSettings PlanningEngine(StudyOptions options) => options.Engine with
    {
        MaxNumSeqs = Math.Max(options.Engine.MaxNumSeqs, options.BatchSizes.Max()),
        MaxModelLength = options.InputLengths.Min() + options.OutputLengths.Min(),
    };

    private static SplitSelection Select(ModelArchitecture model, WeightPrecision weights, StudyOptions options, EngineSettings engine)
    {
        var splits = new List<StudySplit>();
        var excluded = new List<FitRow>();
        foreach (var row in FitAnalyzer.Analyze(model, options.Cluster, weights, options.KvCache, engine))
        {
            if (row.Fits)
            {
                splits.Add(new StudySplit(row.Plan!.Deployment, row.Plan));
            }
            else
            {
                excluded.Add(row);
            }
        }

        return new SplitSelection(model, weights, splits, excluded);
    }

    private static string Node(StudyOptions options) => $"{options.Cluster.TotalGpus}× {options.Cluster.Accelerator.Name}";

    /// <summary>The reason of the split closest to fitting: the one with the most GPUs per replica.</summary>
    private static string Reason(SplitSelection selection) =>
        selection.Excluded.OrderByDescending(r => r.Split.Tp * r.Split.Pp).ThenBy(r => r.Split.Pp).Select(r => $"{r.Split}: {r.Reason}").FirstOrDefault()
        ?? "no split is valid";
}
