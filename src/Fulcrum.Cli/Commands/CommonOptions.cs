using System.CommandLine;
using Fulcrum.Errors;
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
