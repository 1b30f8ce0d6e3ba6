using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Built-in hardware profiles, embedded from <c>data/profiles</c>: one per catalog accelerator, named after it in
/// lower case, plus vendor-generic fallbacks for accelerators without one.
/// </summary>
public static class HardwareProfiles
{
    /// <summary>Fallback for AMD accelerators without a profile of their own.</summary>
    public const string GenericAmd = "generic-amd";

    /// <summary>Fallback for NVIDIA accelerators without a profile of their own.</summary>
    public const string GenericNvidia = "generic-nvidia";

    /// <summary>Fallback for accelerators of any other vendor.</summary>
    public const string Generic = "generic";

    private static readonly Lazy<Dictionary<string, string>> Resources = new(LoadResources);

    /// <summary>Names of the built-in profiles (file names without <c>.json</c>).</summary>
    public static IReadOnlyList<string> BuiltInNames => Resources.Value.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The built-in profile of <paramref name="accelerator"/>: its own when <c>data/profiles</c> has one, else the
    /// generic profile of its vendor, marked <see cref="HardwareProfile.IsGeneric"/>.
    /// </summary>
    public static HardwareProfile For(AcceleratorSpec accelerator)
    {
        var own = accelerator.Name.ToLowerInvariant();
        if (Resources.Value.ContainsKey(own))
        {
            return BuiltIn(own);
        }

        var vendor = accelerator.Vendor.Trim().ToUpperInvariant() switch
        {
            "AMD" => GenericAmd,
            "NVIDIA" => GenericNvidia,
            _ => Generic,
        };
        return BuiltIn(vendor);
    }

    /// <summary>A built-in profile by name (case-insensitive).</summary>
    public static HardwareProfile BuiltIn(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (!Resources.Value.TryGetValue(key, out var text))
        {
            throw new InputException($"Unknown built-in profile '{name}'. Built-in profiles: {string.Join(", ", BuiltInNames)}.");
        }

        return HardwareProfileReader.Parse(text, "profiles/" + key + ".json", RawBuiltIn, isGeneric: key.StartsWith(Generic, StringComparison.Ordinal));
    }

    /// <summary>Reads a user profile file; it may start from a built-in one with <c>"base"</c>.</summary>
    public static HardwareProfile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read profile file '{path}': {e.Message}. Check the path given to --profile.", e);
        }

        return HardwareProfileReader.Parse(text, path, RawBuiltIn);
    }

    private static JsonObject? RawBuiltIn(string name) =>
        Resources.Value.TryGetValue(name.Trim().ToLowerInvariant(), out var text) ? JsonNode.Parse(text) as JsonObject : null;

    private static Dictionary<string, string> LoadResources()
    {
        const string prefix = "profiles/";
        var assembly = typeof(HardwareProfiles).Assembly;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            result[resource[prefix.Length..^".json".Length]] = reader.ReadToEnd();
        }

        return result;
    }
}
