using System.Text.RegularExpressions;

namespace Fulcrum.Reports.Html;

/// <summary>The anchor ids used in one report: each must be a lowercase slug and unique.</summary>
internal sealed partial class SectionIds
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The id is not a lowercase slug, is reserved, or is used already.</exception>
    public void Register(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Slug().IsMatch(id))
        {
            throw new ArgumentException($"Section id '{id}' is invalid; use lowercase letters, digits and hyphens, starting with a letter (for example 'time-breakdown').", nameof(id));
        }

        // Figures and the table of contents own these ids.
        if (id.StartsWith("figure-", StringComparison.Ordinal) || id == "contents")
        {
            throw new ArgumentException($"Section id '{id}' is reserved by the report layout; choose another.", nameof(id));
        }

        if (!used.Add(id))
        {
            throw new ArgumentException($"Section id '{id}' is used twice; give each section its own id.", nameof(id));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Slug();
}
