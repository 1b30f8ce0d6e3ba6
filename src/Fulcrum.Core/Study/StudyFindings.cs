using Fulcrum.Planning;
using Fulcrum.Study.Findings;

namespace Fulcrum.Study;

/// <summary>
/// Computes the findings of one model's study as sentences with their numbers, each from the grid and online curves
/// given: nothing is written in advance, so a model result that contradicts the published trade-off is reported as found.
/// </summary>
public static class StudyFindings
{
    /// <summary>
    /// Returns the findings in report order: the trade-off check, the best split per input length, latency flexibility,
    /// crossovers, bottlenecks, and the SLAs.
    /// </summary>
    public static IReadOnlyList<Finding> Compute(StudyGrid grid, IReadOnlyList<OnlineCurve> online, IReadOnlyList<ServiceLevelAgreement> slas)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(online);
        ArgumentNullException.ThrowIfNull(slas);
        var comparisons = InputComparison.For(grid, grid.Splits);
        return
        [
            .. TradeOffFindings.Compute(grid),
            .. BestSplitFindings.Compute(grid, comparisons),
            .. FlexibilityFindings.Compute(grid),
            .. CrossoverFindings.Compute(grid, online),
            .. BottleneckFindings.Compute(grid),
            .. SlaFindings.Compute(grid, online, slas),
        ];
    }
}
