using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Specs.Hardware;

namespace Fulcrum.Performance.Profiles;

/// <summary>
/// Built-in hardware profiles, embedded from <c>data/profiles</c>: one per catalog accelerator, named after it in
/// lower case, with values derived from datasheets and public benchmarks; a profile fitted to published
/// measurements beside some of them (<c>&lt;name&gt;.fitted.json</c>); and vendor-generic fallbacks for
/// accelerators without a profile of their own.
/// </summary>
public static class HardwareProfiles
{
    /// <summary>Suffix of the built-in name of a fitted profile, such as <c>mi300x.fitted</c>.</summary>
    public const string FittedSuffix = ".fitted";

    /// <summary>
    /// Field of a profile's <c>calibration</c> block that is "true" when cross-validation showed the fitted profile
    /// predicts held-out sources better than the datasheet-derived one; only then is a built-in fitted profile the default.
    /// </summary>
    public const string GeneralizesKey = "generalizes_better";

    private static readonly Lazy<HashSet<string>> DefaultFitted = new(FindDefaultFitted);

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
    /// The default profile of <paramref name="accelerator"/>: the fitted one when <c>data/profiles</c> ships one whose
    /// cross-validation showed it predicts held-out sources better (<see cref="GeneralizesKey"/>), else
    /// <see cref="Datasheet"/>.
    /// </summary>
    public static HardwareProfile For(AcceleratorSpec accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        var fitted = accelerator.Name.ToLowerInvariant() + FittedSuffix;
        return DefaultFitted.Value.Contains(fitted) ? BuiltIn(fitted) : Datasheet(accelerator);
    }

    /// <summary>
    /// The datasheet-derived profile of <paramref name="accelerator"/>: its own when <c>data/profiles</c> has one,
    /// else the generic profile of its vendor, marked <see cref="HardwareProfile.IsGeneric"/>. Calibration starts
    /// from and regularizes toward this profile.
    /// </summary>
    public static HardwareProfile Datasheet(AcceleratorSpec accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
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

    /// <summary>
    /// Reads a profile again from its <see cref="HardwareProfile.Origin"/>: a built-in resource name such as
    /// <c>profiles/mi300x.fitted.json</c>, else a file path.
    /// </summary>
    public static HardwareProfile FromOrigin(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        const string prefix = "profiles/";
        const string suffix = ".json";
        if (origin.StartsWith(prefix, StringComparison.Ordinal) && origin.EndsWith(suffix, StringComparison.Ordinal))
        {
            var name = origin[prefix.Length..^suffix.Length];
            if (Resources.Value.ContainsKey(name))
            {
                return BuiltIn(name);
            }
        }

        return Load(origin);
    }

    private static HashSet<string> FindDefaultFitted() =>
        Resources.Value.Keys
            .Where(k => k.EndsWith(FittedSuffix, StringComparison.Ordinal))
            .Where(k => BuiltIn(k).Calibration.TryGetValue(GeneralizesKey, out var value) && value == "true")
            .ToHashSet(StringComparer.Ordinal);

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
