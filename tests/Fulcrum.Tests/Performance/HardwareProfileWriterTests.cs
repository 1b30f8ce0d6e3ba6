using Fulcrum.Calibration;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Tests.Performance;

public class HardwareProfileWriterTests
{
    [Fact]
    public void WrittenProfile_ReadsBackTheSameValues()
    {
        var original = HardwareProfiles.Datasheet(HardwareCatalog.BuiltIn.Resolve("H100-SXM")) with
        {
            HbmBandwidthFraction = 0.7123456789,
            CollectiveHopLatencySeconds = 12.5e-6,
            Calibration = new Dictionary<string, string> { ["rows"] = "12", ["method"] = "test" },
        };
        var read = HardwareProfileReader.Parse(HardwareProfileWriter.ToJson(original), "written.json");

        // Values keep six significant digits.
        Assert.Equal(0.712346, read.HbmBandwidthFraction, 1e-12);
        Assert.Equal(12.5e-6, read.CollectiveHopLatencySeconds, 1e-15);
        Assert.Equal(original.GemmFp8, read.GemmFp8);
        Assert.Equal(original.CpuStepFixedSeconds, read.CpuStepFixedSeconds, 1e-15);
        Assert.Equal(original.GraphMaxTokens, read.GraphMaxTokens);
        Assert.Equal("H100-SXM", read.Accelerator);
        Assert.Equal("12", read.Calibration["rows"]);
        Assert.Equal(original.Sources, read.Sources);
    }

    [Fact]
    public void Parameters_ApplyTheirLogarithms()
    {
        var prior = HardwareProfiles.Datasheet(HardwareCatalog.BuiltIn.Resolve("MI300X"));
        var theta = ProfileParameters.ToLog(prior, ProfileParameters.All);
        theta[ProfileParameters.All.ToList().FindIndex(p => p.Key == "cpu.step_fixed_us")] = Math.Log(250e-6);
        var changed = ProfileParameters.Apply(prior, ProfileParameters.All, theta);
        Assert.Equal(250e-6, changed.CpuStepFixedSeconds, 1e-15);
        Assert.Equal(prior.GemmBf16.MaxEfficiency, changed.GemmBf16.MaxEfficiency, 1e-12);
        Assert.Equal(250, ProfileParameters.All.Single(p => p.Key == "cpu.step_fixed_us").JsonValue(changed), 1e-9);
    }

    [Fact]
    public void DefaultProfile_IsFittedOnlyWhereItGeneralizes()
    {
        // A built-in fitted profile replaces the datasheet one exactly when its calibration block records that
        // cross-validation showed it predicts held-out sources better.
        foreach (var accelerator in HardwareCatalog.BuiltIn.Accelerators)
        {
            var fittedName = accelerator.Name.ToLowerInvariant() + HardwareProfiles.FittedSuffix;
            var generalizes = HardwareProfiles.BuiltInNames.Contains(fittedName)
                && HardwareProfiles.BuiltIn(fittedName).Calibration[HardwareProfiles.GeneralizesKey] == "true";
            var chosen = HardwareProfiles.For(accelerator);
            Assert.Equal(generalizes ? "profiles/" + fittedName + ".json" : HardwareProfiles.Datasheet(accelerator).Origin, chosen.Origin);
            Assert.Equal(accelerator.Name, chosen.Name);
        }
    }

    [Fact]
    public void FittedProfiles_ShipForThreeAccelerators()
    {
        foreach (var name in new[] { "mi300x", "h100-sxm", "h200-sxm" })
        {
            var fitted = HardwareProfiles.BuiltIn(name + HardwareProfiles.FittedSuffix);
            Assert.Equal(HardwareProfiles.BuiltIn(name).Accelerator, fitted.Accelerator);
            Assert.True(int.Parse(fitted.Calibration["rows"], System.Globalization.CultureInfo.InvariantCulture) >= 20);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "data", "profiles", "fits", name + ".md")));
        }
    }
}
