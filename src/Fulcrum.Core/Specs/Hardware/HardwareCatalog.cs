using System.Text.Json.Nodes;
using Fulcrum.Errors;
using Fulcrum.Text;

namespace Fulcrum.Specs.Hardware;

/// <summary>
/// Built-in accelerators, embedded from <c>data/hardware</c>, plus any user files added with
/// <see cref="WithFiles"/>. A user file with the same name as a built-in replaces it.
/// </summary>
public sealed class HardwareCatalog
{
    private static readonly string[] BuiltInFiles =
        ["mi300x.json", "mi325x.json", "mi355x.json", "a100-sxm-80gb.json", "h100-sxm.json", "h200-sxm.json", "b200.json"];

    private static readonly Lazy<HardwareCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private readonly List<AcceleratorSpec> accelerators;
    private readonly Dictionary<string, JsonObject> rawByName;

    private HardwareCatalog(List<AcceleratorSpec> accelerators, Dictionary<string, JsonObject> rawByName)
    {
        this.accelerators = accelerators;
        this.rawByName = rawByName;
    }

    public static HardwareCatalog BuiltIn => BuiltInCatalog.Value;

    public IReadOnlyList<AcceleratorSpec> Accelerators => accelerators;

    /// <summary>Returns a catalog with the accelerators of <paramref name="paths"/> added or replacing built-ins.</summary>
    public HardwareCatalog WithFiles(IEnumerable<string> paths)
    {
        var list = new List<AcceleratorSpec>(accelerators);
        var raw = new Dictionary<string, JsonObject>(rawByName, StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new InputException($"--hardware-file {path}: the file does not exist. Check the path, or see docs/HARDWARE.md for the format.", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"Cannot read hardware file '{path}': {e.Message.TrimEnd('.')}. Check the path given to --hardware-file.", e);
            }

            var spec = AcceleratorSpecReader.Parse(text, path, name => FindRaw(raw, list, name));
            list.RemoveAll(a => string.Equals(a.Name, spec.Name, StringComparison.OrdinalIgnoreCase));
            list.Add(spec);
        }

        return new HardwareCatalog(list, raw);
    }

    /// <summary>Finds an accelerator by name or alias, case-insensitive; suggests near names when none matches.</summary>
    public AcceleratorSpec Resolve(string name)
    {
        var found = Find(accelerators, name);
        if (found is not null)
        {
            return found;
        }

        var names = accelerators.Select(a => a.Name).ToArray();
        throw new InputException(
            $"Unknown accelerator '{name}'.{NameSuggester.DidYouMean(name, accelerators.SelectMany(a => a.Aliases.Prepend(a.Name).Select(spelling => (spelling, a.Name))))} "
            + $"Known accelerators: {string.Join(", ", names)}; add your own with --hardware-file FILE.");
    }

    private static AcceleratorSpec? Find(IEnumerable<AcceleratorSpec> list, string name) =>
        list.FirstOrDefault(a =>
            string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)
            || a.Aliases.Any(alias => string.Equals(alias, name.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static JsonObject? FindRaw(Dictionary<string, JsonObject> raw, List<AcceleratorSpec> list, string name)
    {
        var spec = Find(list, name);
        return spec is not null && raw.TryGetValue(spec.Name, out var obj) ? obj : null;
    }

    private static HardwareCatalog LoadBuiltIn()
    {
        var list = new List<AcceleratorSpec>();
        var raw = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in BuiltInFiles)
        {
            var resource = "hardware/" + file;
            using var stream = typeof(HardwareCatalog).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var spec = AcceleratorSpecReader.Parse(text, resource);
            list.Add(spec);
            raw[spec.Name] = (JsonObject)JsonNode.Parse(text)!;
        }

        return new HardwareCatalog(list, raw);
    }
}
