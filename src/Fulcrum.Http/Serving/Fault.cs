using System.Globalization;
using Fulcrum.Errors;
using Fulcrum.Text;

namespace Fulcrum.Http.Serving;

/// <summary>A fault and its argument, written <c>KIND</c> or <c>KIND:N</c>, e.g. <c>status:503</c>, <c>drop:5</c>, <c>slow:50</c>.</summary>
public sealed record Fault(FaultKind Kind, int Argument)
{
    /// <summary>Request header that selects a fault for one request.</summary>
    public const string Header = "X-Fulcrum-Fault";

    /// <summary>Parses <c>KIND[:N]</c>; throws <see cref="InputException"/> naming <paramref name="source"/> and the valid kinds.</summary>
    public static Fault Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var kind = Enum.GetValues<FaultKind>().Where(k => EnumNames.Kebab(k) == parts[0]).Select(k => (FaultKind?)k).FirstOrDefault()
            ?? throw new InputException($"{source} {text}: unknown fault '{parts[0]}'; use one of {string.Join(", ", Enum.GetValues<FaultKind>().Select(k => EnumNames.Kebab(k)))}, optionally with :N.");
        var argument = DefaultArgument(kind);
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out argument) || argument < 0))
        {
            throw new InputException($"{source} {text}: '{parts[1]}' is not a non-negative integer; write KIND:N, e.g. status:503 or drop:5.");
        }

        if (kind == FaultKind.Status && argument is < 400 or > 599)
        {
            throw new InputException($"{source} {text}: status {argument} is not an error status; use 400 to 599.");
        }

        return new Fault(kind, argument);
    }

    private static int DefaultArgument(FaultKind kind) => kind switch
    {
        FaultKind.Status => 500,
        FaultKind.Slow => 100,
        FaultKind.Empty => 0,
        _ => 1,
    };
}
