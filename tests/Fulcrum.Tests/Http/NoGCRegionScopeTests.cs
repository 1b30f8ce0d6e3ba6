using System.Runtime;
using Fulcrum.Http.Load;

namespace Fulcrum.Tests.Http;

/// <summary>
/// The no-GC region that bench runs start in. The region belongs to the process, so these tests run in the
/// collection that runs alone: another test's allocations would use up the budget.
/// </summary>
[Collection(LoopbackTimingGroup.Name)]
public class NoGCRegionScopeTests
{
    [Fact]
    public void Scope_DefersCollectionsWithinBudget()
    {
        using (var scope = NoGCRegionScope.Enter(64L * 1024 * 1024))
        {
            Assert.True(scope.Started);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

            // 1,000 arrays of 1 KiB: about 1 MiB, far inside the 64 MiB budget.
            var arrays = new List<byte[]>();
            for (var i = 0; i < 1000; i++)
            {
                arrays.Add(new byte[1024]);
            }

            Assert.Equal(1000, arrays.Count);
            Assert.Equal(0, scope.Collections);
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Scope_CountsCollectionThatEndsRegion()
    {
        var scope = NoGCRegionScope.Enter(64L * 1024 * 1024);
        Assert.True(scope.Started);
        GC.Collect();
        scope.Dispose();
        Assert.True(scope.Collections >= 1, $"collections: {scope.Collections}");
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Scope_WithZeroBudgetStartsNone()
    {
        using var scope = NoGCRegionScope.Enter(0);
        Assert.False(scope.Started);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Scope_InsideAnotherStartsNone()
    {
        using var outer = NoGCRegionScope.Enter(64L * 1024 * 1024);
        using var inner = NoGCRegionScope.Enter(64L * 1024 * 1024);
        Assert.True(outer.Started);
        Assert.False(inner.Started);
    }
}
