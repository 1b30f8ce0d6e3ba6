using Fulcrum.Planning;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Study.Findings;

/// <summary>
/// The splits ranked at one input length: TTFT and TPOT at the smallest batch and the best output throughput per
/// GPU over batch sizes, each the mean over output lengths. A split joins a ranking only when it has the value at
/// every output length the metric is defined for (TPOT needs two or more output tokens).
/// </summary>
internal sealed record InputComparison(int Input, Ranking Ttft, Ranking Tpot, Ranking Throughput)
{
    public static IReadOnlyList<InputComparison> For(StudyGrid grid, IReadOnlyList<Split> splits) =>
        grid.InputLengths.Select(input => new InputComparison(
            input,
            Ranking.Of(splits, s => MeanOverOutputs(grid, o => grid.At(s, input, o, grid.SmallestBatch).LatencyMs(SloMetric.Ttft), false), lowestFirst: true),
            Ranking.Of(splits, s => MeanOverOutputs(grid, o => grid.At(s, input, o, grid.SmallestBatch).LatencyMs(SloMetric.Tpot), true), lowestFirst: true),
            Ranking.Of(splits, s => MeanOverOutputs(grid, o => BestThroughput(grid, s, input, o), false), lowestFirst: false))).ToList();

    /// <summary>The highest output throughput per GPU over the batch sizes that fit; null when none fits.</summary>
    public static double? BestThroughput(StudyGrid grid, Split split, int input, int output) =>
        grid.Run(split, input, output).Select(p => p.OutputThroughputPerGpu).Max();

    private static double? MeanOverOutputs(StudyGrid grid, Func<int, double?> value, bool needsTwoTokens)
    {
        var outputs = grid.OutputLengths.Where(o => !needsTwoTokens || o >= 2).ToList();
        if (outputs.Count == 0)
        {
            return null;
        }

        var sum = 0.0;
        foreach (var output in outputs)
        {
            if (value(output) is not { } v)
            {
                return null;
            }

            sum += v;
        }

        return sum / outputs.Count;
    }
}
