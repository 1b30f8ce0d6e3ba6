namespace Fulcrum.Text;

/// <summary>Did-you-mean suggestions by edit distance, for unknown model, accelerator and option names.</summary>
public static class NameSuggester
{
    /// <summary>Returns up to <paramref name="max"/> candidates closest to <paramref name="input"/>, nearest first.</summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates, int max = 3)
    {
        var needle = Normalize(input);
        return candidates
            .Select(c => (Name: c, Distance: Score(needle, Normalize(c))))
            .Where(x => x.Distance <= Math.Max(3, needle.Length / 2))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Name)
            .ToList();
    }

    /// <summary>Formats " Did you mean X or Y?" or an empty string when nothing is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) => Format(Suggest(input, candidates));

    /// <summary>
    /// Formats " Did you mean X or Y?" over names that have other spellings (aliases): each name is as close as
    /// its closest spelling, and only the name is suggested, once.
    /// </summary>
    /// <param name="spellings">Pairs of a spelling to compare with and the name it stands for.</param>
    public static string DidYouMean(string input, IEnumerable<(string Spelling, string Name)> spellings)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        var list = spellings.ToList();
        var nameOf = list.GroupBy(x => x.Spelling, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var names = Suggest(input, nameOf.Keys, int.MaxValue).Select(spelling => nameOf[spelling]).Distinct(StringComparer.Ordinal).Take(3).ToList();
        return Format(names);
    }

    private static string Format(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? string.Empty : $" Did you mean {string.Join(" or ", suggestions)}?";

    private static int Score(string needle, string candidate)
    {
        // A prefix or substring match ("405b" in "llama-3.1-405b") counts as close.
        if (needle.Length > 0 && candidate.Contains(needle, StringComparison.Ordinal))
        {
            return 1;
        }

        return Levenshtein(needle, candidate);
    }

    private static string Normalize(string s) =>
        new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
