using System.CommandLine;
using Fulcrum.Errors;
using Fulcrum.Performance.Profiles;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Cli.Commands;

/// <summary>Options several commands share, and helpers to read them.</summary>
public static class CommonOptions
{
    public static Option<string[]> HardwareFiles() => new("--hardware-file")
    {
        Description = "JSON file adding or overriding an accelerator or node (schema in docs/HARDWARE.md); may repeat.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> ProfileFile() => new("--profile")
    {
        Description = "Hardware profile JSON (efficiencies, latencies, overheads; format in data/profiles/README.md); default: the built-in profile of the accelerator.",
    };

    /// <summary>The profile file given with <paramref name="option"/>, else the built-in profile of <paramref name="accelerator"/>.</summary>
    public static HardwareProfile Profile(ParseResult parse, Option<string?> option, AcceleratorSpec accelerator) =>
        parse.GetValue(option) is { } path ? HardwareProfiles.Load(path) : HardwareProfiles.For(accelerator);

    public static HardwareCatalog Catalog(ParseResult parse, Option<string[]> files)
    {
        var paths = parse.GetValue(files) ?? [];
        return paths.Length == 0 ? HardwareCatalog.BuiltIn : HardwareCatalog.BuiltIn.WithFiles(paths);
    }

    /// <summary>Throws a bad-input error unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(int value, int minimum, string option)
    {
        if (value < minimum)
        {
            throw new InputException($"{option} must be at least {minimum}; got {value}.");
        }

        return value;
    }
}
