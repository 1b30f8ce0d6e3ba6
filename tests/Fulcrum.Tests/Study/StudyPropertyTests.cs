using CsCheck;
using Fulcrum.Performance;
using Fulcrum.Specs.Deployments;
using Fulcrum.Study;

namespace Fulcrum.Tests.Study;

/// <summary>Invariants of the findings and the time breakdown over random grids.</summary>
public class StudyPropertyTests
{
    private static readonly Split[] Splits = [new(4, 1, 1), new(2, 2, 1), new(1, 4, 1), new(2, 1, 2)];
    private static readonly int[] Batches = [1, 8];

    /// <summary>Per split and batch: TTFT ms, TPOT ms, node output tokens/s; distinct values so winners are unique.</summary>
    private static readonly Gen<double[]> Values = Gen.Double[1, 1000].Array[Splits.Length * Batches.Length * 3]
        .Where(v => v.Distinct().Count() == v.Length);

    [Fact]
    public void BestSplit_NamesArgminAndArgmax()
    {
        Values.Sample(values =>
        {
            var grid = Grid(values);
            var text = StudyFindings.Compute(grid, [], []).First(f => f.Kind == FindingKind.BestSplit).Text;

            var ttft = Splits.MinBy(s => grid.At(s, 64, 16, 1).LatencyMs(Fulcrum.Planning.SloMetric.Ttft))!;
            var tpot = Splits.MinBy(s => grid.At(s, 64, 16, 1).LatencyMs(Fulcrum.Planning.SloMetric.Tpot))!;
            var throughput = Splits.MaxBy(s => Batches.Max(b => grid.At(s, 64, 16, b).OutputThroughputPerGpu))!;
            Assert.Contains($"Lowest TTFT: {ttft},", text);
            Assert.Contains($"Lowest TPOT: {tpot},", text);
            Assert.Contains($"Highest output throughput: {throughput},", text);
        });
    }

    [Fact]
    public void Fastest_IsHighestThroughput()
    {
        Values.Sample(values =>
        {
            var grid = Grid(values);
            foreach (var batch in Batches)
            {
                var expected = Splits.MaxBy(s => grid.At(s, 64, 16, batch).OutputThroughputPerGpu);
                Assert.Equal(expected, grid.Fastest(64, 16, batch));
            }
        });
    }

    [Fact]
    public void TimeBreakdown_GroupsAddUpToTotal()
    {
        var seconds = Gen.Double[0, 10];
        Gen.Select(seconds.Array[7], seconds.Array[7], seconds).Sample((prefill, decode, bubbles) =>
        {
            var time = new TimeBreakdown(Cost(prefill), Cost(decode), bubbles);
            var sum = Bottlenecks.All.Sum(time.Seconds);
            Assert.Equal(time.TotalSeconds, sum, 9);
            if (time.TotalSeconds > 0)
            {
                Assert.Equal(1.0, Bottlenecks.All.Sum(b => time.Share(b)!.Value), 9);
                Assert.Equal(Bottlenecks.All.Max(time.Seconds), time.Seconds(time.Dominant!.Value));
            }
            else
            {
                Assert.Null(time.Dominant);
            }
        });
    }

    private static StepCost Cost(double[] s) => new()
    {
        GemmComputeSeconds = s[0],
        GemmMemorySeconds = s[1],
        AttentionSeconds = s[2],
        ElementwiseSeconds = s[3],
        CollectiveSeconds = s[4],
        PointToPointSeconds = s[5],
        OverheadSeconds = s[6],
    };

    private static StudyGrid Grid(double[] values)
    {
        var points = new List<StaticPoint>();
        var k = 0;
        foreach (var split in Splits)
        {
            foreach (var batch in Batches)
            {
                points.Add(HandGrid.Point(split, 64, 16, batch, 100, values[k], values[k + 1], values[k + 2]));
                k += 3;
            }
        }

        return new StudyGrid(Splits, [64], [16], Batches, points);
    }
}
