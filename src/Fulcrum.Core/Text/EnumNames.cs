using System.Text;
using Fulcrum.Errors;

namespace Fulcrum.Text;

/// <summary>Kebab-case names of enum values for options and JSON ("VllmV1" is "vllm-v1", "LeastKvUsage" is "least-kv-usage").</summary>
public static class EnumNames
{
    public static string Kebab<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(text[i - 1]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>All names of <typeparamref name="T"/>, comma-separated, for help text and errors.</summary>
    public static string List<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Kebab));

    /// <summary>Parses a kebab-case name (case-insensitive); a bad-input error names <paramref name="option"/> and the valid names.</summary>
    public static T Parse<T>(string text, string option)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Kebab(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new InputException($"{option} '{text}' is unknown; use one of: {List<T>()}.");
    }
}
