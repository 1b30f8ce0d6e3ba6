using CsCheck;
using Fulcrum.Planning;

namespace Fulcrum.Tests.Planning;

public class ParetoFrontierTests
{
    [Fact]
    public void Frontier_HandPicked()
    {
        // (throughput, -latency): (10,-5) and (8,-2) and (3,-1) are undominated; (7,-6) loses to (10,-5).
        var points = new[] { (10.0, -5.0), (7.0, -6.0), (8.0, -2.0), (3.0, -1.0), (3.0, -4.0) };
        Assert.Equal([0, 2, 3], ParetoFrontier.Indices(points));
    }

    [Fact]
    public void Frontier_EmptyAndSingle()
    {
        Assert.Empty(ParetoFrontier.Indices([]));
        Assert.Equal([0], ParetoFrontier.Indices([(1.0, 1.0)]));
        Assert.Empty(ParetoFrontier.Indices([(double.NaN, 1.0)]));
    }

    [Fact]
    public void Frontier_PointsUndominatedAndOthersDominated()
    {
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 20]).Array[0, 40].Sample(raw =>
        {
            var points = raw.Select(p => ((double)p.Item1, (double)p.Item2)).ToArray();
            var frontier = ParetoFrontier.Indices(points).ToHashSet();
            for (var i = 0; i < points.Length; i++)
            {
                var dominated = points.Any(q => ParetoFrontier.Dominates(q, points[i]));
                Assert.Equal(!dominated, frontier.Contains(i));
            }
        });
    }
}
