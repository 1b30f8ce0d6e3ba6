using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Hardware;
using Fulcrum.Specs.Precisions;

namespace Fulcrum.Tests.Performance;

public class HardwareProfileTests
{
    private static readonly string[] SourceKeys =
        ["gemm", "hbm_bandwidth_fraction", "attention", "elementwise_bandwidth_efficiency", "collective", "kernel", "cpu", "sampling"];

    [Fact]
    public void EveryCatalogAccelerator_HasItsOwnProfile()
    {
        foreach (var accelerator in HardwareCatalog.BuiltIn.Accelerators)
        {
            var profile = HardwareProfiles.For(accelerator);
            Assert.False(profile.IsGeneric, $"{accelerator.Name} falls back to {profile.Name}");
            Assert.Equal(accelerator.Name, profile.Name);
        }
    }

    [Fact]
    public void EveryBuiltInProfile_NamesASourcePerGroup()
    {
        foreach (var name in HardwareProfiles.BuiltInNames)
        {
            var profile = HardwareProfiles.BuiltIn(name);
            foreach (var key in SourceKeys)
            {
                Assert.True(profile.Sources.ContainsKey(key), $"{name} lacks a source for {key}");
                Assert.True(profile.Sources[key].Length > 20, $"{name} has a stub source for {key}");
            }
        }
    }

    [Fact]
    public void Mi300xProfile_UsesMeasuredMatmulEfficiency()
    {
        var profile = HardwareProfiles.BuiltIn("mi300x");

        // MAMF 668.4 of 1300 TFLOPS bf16; fp8 at 0.9 of that fraction.
        Assert.Equal(0.514, profile.GemmBf16.MaxEfficiency);
        Assert.Equal(0.463, profile.GemmFp8.MaxEfficiency);
        Assert.Equal(7e-6, profile.CollectiveHopLatencySeconds, 1e-15);
        Assert.Contains("MAMF", profile.Sources["gemm"], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAccelerator_GetsVendorGenericProfile()
    {
        var h100 = HardwareCatalog.BuiltIn.Resolve("H100-SXM");
        var amd = HardwareProfiles.For(HardwareCatalog.BuiltIn.Resolve("MI300X") with { Name = "MI999X" });
        var nvidia = HardwareProfiles.For(h100 with { Name = "H999" });
        var other = HardwareProfiles.For(h100 with { Name = "X1", Vendor = "Acme" });
        Assert.True(amd.IsGeneric);
        Assert.Equal(HardwareProfiles.GenericAmd, amd.Name);
        Assert.Equal(HardwareProfiles.GenericNvidia, nvidia.Name);
        Assert.Equal(HardwareProfiles.Generic, other.Name);
    }

    [Fact]
    public void GemmCurve_IsHalfAtHalfTokens()
    {
        var curve = new GemmEfficiency(0.8, 64);
        Assert.Equal(0.4, curve.At(64), 1e-12);
        Assert.Equal(0.8 * 8192 / 8256, curve.At(8192), 1e-12);
        Assert.Equal(0, curve.At(0));
    }

    [Fact]
    public void Fp8Weights_NeedEightBitUnit()
    {
        var profile = HardwareProfiles.BuiltIn("h100-sxm");
        Assert.Equal(profile.GemmFp8, profile.GemmFor(WeightPrecision.Fp8, HardwareCatalog.BuiltIn.Resolve("H100-SXM")));
        Assert.Equal(profile.GemmBf16, profile.GemmFor(WeightPrecision.Fp8, HardwareCatalog.BuiltIn.Resolve("A100-SXM-80GB")));
        Assert.Equal(profile.GemmBf16, profile.GemmFor(WeightPrecision.Int4, HardwareCatalog.BuiltIn.Resolve("H100-SXM")));
    }

    [Fact]
    public void UserFile_OverridesBaseFields()
    {
        var path = WriteTemp("""{"schema_version": 1, "name": "slow-mi300x", "base": "mi300x", "kernel": {"graph_overhead_us": 5}}""");
        var profile = HardwareProfiles.Load(path);
        Assert.Equal("slow-mi300x", profile.Name);
        Assert.Equal(5e-6, profile.KernelGraphOverheadSeconds, 1e-15);
        Assert.Equal(8e-6, profile.KernelEagerLaunchSeconds, 1e-15);
        Assert.Equal(0.514, profile.GemmBf16.MaxEfficiency);
        Assert.False(profile.IsGeneric);
    }

    [Theory]
    [InlineData("""{"schema_version": 2, "name": "x", "base": "mi300x"}""", "schema_version 2")]
    [InlineData("""{"schema_version": 1, "name": "x", "base": "mi300x", "hbm_bandwith_fraction": 0.5}""", "unknown field 'hbm_bandwith_fraction'")]
    [InlineData("""{"schema_version": 1, "name": "x", "base": "mi300x", "hbm_bandwidth_fraction": 1.5}""", "between 0 and 1")]
    [InlineData("""{"schema_version": 1, "name": "x", "base": "mi300x", "kernel": {"eager_launch_us": -1}}""", "at least 0")]
    [InlineData("""{"schema_version": 1, "name": "x", "base": "tpu-v9"}""", "base profile 'tpu-v9'")]
    [InlineData("""{"schema_version": 1, "name": "x"}""", "missing the object 'gemm'")]
    [InlineData("""{"schema_version": 1, "name": "x", "base": "mi300x", "gemm": {"bf16": {"half_efficiency_tokens": 0}}}""", "half_efficiency_tokens' must be positive")]
    [InlineData("not json", "not valid JSON")]
    public void BadUserFile_IsRejectedWithReason(string json, string expected)
    {
        var path = WriteTemp(json);
        var error = Assert.Throws<InputException>(() => HardwareProfiles.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsInputError()
    {
        var error = Assert.Throws<InputException>(() => HardwareProfiles.Load("/no/such/profile.json"));
        Assert.Contains("--profile", error.Message, StringComparison.Ordinal);
    }

    private static string WriteTemp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
