using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Tests.Specs;

public class HardwareCatalogTests
{
    [Fact]
    public void WithFiles_MissingFileSaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-nope-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<InputException>(() => HardwareCatalog.BuiltIn.WithFiles([path]));

        Assert.Contains($"--hardware-file {path}: the file does not exist.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIn_HasSevenAcceleratorsWithSources()
    {
        var all = HardwareCatalog.BuiltIn.Accelerators;
        Assert.Equal(["MI300X", "MI325X", "MI355X", "A100-SXM-80GB", "H100-SXM", "H200-SXM", "B200"], all.Select(a => a.Name));
        foreach (var a in all)
        {
            foreach (var field in new[] { "hbm_capacity_gib", "hbm_bandwidth_tb_per_s", "peak_dense_tflops", "fabric", "network", "power_w" })
            {
                Assert.True(a.Sources.ContainsKey(field), $"{a.Name} has no source for {field}");
            }
        }
    }

    [Fact]
    public void Mi300x_FiguresMatchDatasheet()
    {
        var a = HardwareCatalog.BuiltIn.Resolve("mi300x");
        Assert.Equal(192L << 30, a.HbmCapacityBytes);
        Assert.Equal(5.3e12, a.HbmBandwidthBytesPerSecond, 1e6);
        Assert.Equal(1307.4e12, a.PeakBf16FlopsPerSecond, 1e6);
        Assert.Equal(FabricTopology.FullMesh, a.Fabric.Topology);
    }

    [Fact]
    public void FullMesh_GroupUsesOnlyItsLinks()
    {
        // 64 GB/s per link per direction: TP=2 uses one link, TP=4 three, TP=8 all seven (448 GB/s).
        var fabric = HardwareCatalog.BuiltIn.Resolve("MI300X").Fabric;
        Assert.Equal(64e9, fabric.GroupBandwidthBytesPerSecond(2), 1e3);
        Assert.Equal(192e9, fabric.GroupBandwidthBytesPerSecond(4), 1e3);
        Assert.Equal(448e9, fabric.GroupBandwidthBytesPerSecond(8), 1e3);
    }

    [Fact]
    public void Switch_GivesFullBandwidthToAnyGroup()
    {
        var fabric = HardwareCatalog.BuiltIn.Resolve("H100").Fabric;
        Assert.Equal(450e9, fabric.GroupBandwidthBytesPerSecond(2), 1e3);
        Assert.Equal(450e9, fabric.GroupBandwidthBytesPerSecond(8), 1e3);
    }

    [Fact]
    public void A100_HasNoFp8Unit()
    {
        var a = HardwareCatalog.BuiltIn.Resolve("A100");
        Assert.Null(a.PeakFp8FlopsPerSecond);
        Assert.Equal(a.PeakBf16FlopsPerSecond, a.PeakFlopsPerSecond(Fulcrum.Specs.Precisions.WeightPrecision.Fp8));
    }

    [Fact]
    public void SampleNodeFile_OverridesBase()
    {
        var catalog = HardwareCatalog.BuiltIn.WithFiles([Path.Combine(RepoPaths.Root, "samples", "my-node.json")]);
        var node = catalog.Resolve("H100-SXM-4GPU");
        Assert.Equal(4, node.GpusPerNode);
        Assert.Equal(25e9, node.Network.NicBandwidthBytesPerSecond, 1e3);
        Assert.Equal(80L << 30, node.HbmCapacityBytes);
        Assert.Equal("H100-SXM", catalog.Resolve("h100").Name);
    }

    [Fact]
    public void UnknownAccelerator_SuggestsNames()
    {
        var e = Assert.Throws<InputException>(() => HardwareCatalog.BuiltIn.Resolve("h1000"));
        Assert.Contains("Did you mean", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypoNearAlias_SuggestsCatalogNameOnce()
    {
        // "h100-sxm6" is one edit from the alias h100-sxm5 and from H100-SXM itself: the message names the
        // catalog's own name once, never the alias, which 'fulcrum hardware' does not list.
        var e = Assert.Throws<InputException>(() => HardwareCatalog.BuiltIn.Resolve("h100-sxm6"));

        var suggestion = e.Message[(e.Message.IndexOf("Did you mean", StringComparison.Ordinal) + "Did you mean ".Length)..e.Message.IndexOf('?', StringComparison.Ordinal)];
        var names = suggestion.Split(" or ");
        Assert.Equal("H100-SXM", names[0]);
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Contains(HardwareCatalog.BuiltIn.Accelerators, a => a.Name == n));
    }

    [Fact]
    public void BadHardwareFile_NamesField()
    {
        var e = Assert.Throws<InputException>(() => AcceleratorSpecReader.Parse("""{"name": "X", "hbm_capacity_gib": -1}""", "bad.json"));
        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
    }
}
