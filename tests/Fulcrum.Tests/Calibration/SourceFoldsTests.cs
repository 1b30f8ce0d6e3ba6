using CsCheck;
using Fulcrum.Calibration;

namespace Fulcrum.Tests.Calibration;

public class SourceFoldsTests
{
    [Fact]
    public void OneFoldPerSource_ByDefault()
    {
        string[] sources = ["b", "a", "b", "c", "a"];

        // Sorted sources a, b, c get folds 0, 1, 2.
        Assert.Equal([1, 0, 1, 2, 0], SourceFolds.Assign(sources));
    }

    [Fact]
    public void NoSource_SpansTwoFolds()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 40], Gen.Int[2, 6]).SelectMany((sources, rows, k) =>
                Gen.Int[0, sources - 1].Array[rows].Select(ids => (ids.Select(i => "source " + i).ToArray(), k)))
            .Sample((rows, k) =>
            {
                var folds = SourceFolds.Assign(rows, k);
                var distinct = rows.Distinct().Count();
                Assert.Equal(rows.Length, folds.Length);
                Assert.Equal(Math.Min(k, distinct), folds.Distinct().Count());

                // Held out and trained on never share a source: each source maps to exactly one fold.
                foreach (var fold in folds.Distinct())
                {
                    var heldOut = rows.Where((_, j) => folds[j] == fold).ToHashSet();
                    var training = rows.Where((_, j) => folds[j] != fold).ToHashSet();
                    Assert.Empty(heldOut.Intersect(training));
                }
            });
    }

    [Fact]
    public void FewerThanTwoFolds_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SourceFolds.Assign(["a", "b"], 1));
    }
}
