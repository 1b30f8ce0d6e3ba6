using System.Reflection;

namespace Fulcrum.Tests.Architecture;

public class LayeringTests
{
    private static readonly string[] ForbiddenInCore =
        ["Spectre.Console", "ScottPlot", "SkiaSharp", "Microsoft.AspNetCore", "System.CommandLine", "Microsoft.Extensions.Logging", "MathNet.Numerics"];

    [Fact]
    public void Core_ReferencesNoEdgeAssemblies()
    {
        var core = typeof(Fulcrum.Specs.Models.ModelArchitecture).Assembly;
        var references = core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        foreach (var forbidden in ForbiddenInCore)
        {
            Assert.DoesNotContain(references, r => r.StartsWith(forbidden, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Calibration_ReferencesCoreMathNetAndTheBaseLibrary()
    {
        // The optimizer lives at the edge; the parameter mapping and residuals it minimizes stay in the core.
        var calibration = typeof(Fulcrum.Calibration.Fitting.ProfileFitter).Assembly;
        var allowed = new[] { "System", "Microsoft.Win32", "netstandard", "mscorlib", "Fulcrum.Core", "MathNet.Numerics" };
        foreach (AssemblyName reference in calibration.GetReferencedAssemblies())
        {
            Assert.Contains(allowed, prefix => reference.Name!.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.Contains(calibration.GetReferencedAssemblies(), r => r.Name == "MathNet.Numerics");
    }

    [Fact]
    public void Core_ReferencesOnlyTheBaseLibrary()
    {
        var core = typeof(Fulcrum.Specs.Models.ModelArchitecture).Assembly;
        var allowed = new[] { "System", "Microsoft.Win32", "netstandard", "mscorlib" };
        foreach (AssemblyName reference in core.GetReferencedAssemblies())
        {
            Assert.Contains(allowed, prefix => reference.Name!.StartsWith(prefix, StringComparison.Ordinal));
        }
    }
}
