using System.Reflection;

namespace Fulcrum.Tests.Architecture;

public class LayeringTests
{
    private static readonly string[] ForbiddenInCore =
        ["Spectre.Console", "ScottPlot", "SkiaSharp", "Microsoft.AspNetCore", "System.CommandLine", "Microsoft.Extensions.Logging"];

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
