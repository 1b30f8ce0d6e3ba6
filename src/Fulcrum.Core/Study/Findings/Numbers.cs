using System.Globalization;

namespace Fulcrum.Study.Findings;

/// <summary>Number formats of the findings: invariant culture, thousands separators, about three significant digits.</summary>
internal static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A latency given in ms, as "8.42 ms", "842 ms", "1.68 s" or "14.3 s".</summary>
    public static string Ms(double ms) => ms switch
    {
        >= 10_000 => (ms / 1000).ToString("#,0.0", Invariant) + " s",
        >= 1000 => (ms / 1000).ToString("0.00", Invariant) + " s",
        >= 100 => ms.ToString("#,0", Invariant) + " ms",
        >= 10 => ms.ToString("0.0", Invariant) + " ms",
        _ => ms.ToString("0.00", Invariant) + " ms",
    };

    /// <summary>A token count, as "2,048".</summary>
    public static string Tokens(int tokens) => tokens.ToString("#,0", Invariant);

    /// <summary>A throughput in tokens/s, as "1,234 tok/s" or "8.4 tok/s".</summary>
    public static string Throughput(double tokensPerSecond) =>
        (tokensPerSecond >= 100 ? tokensPerSecond.ToString("#,0", Invariant) : tokensPerSecond.ToString("0.0", Invariant)) + " tok/s";

    /// <summary>A request rate, as "12.3 req/s".</summary>
    public static string Rate(double requestsPerSecond) => Plain(requestsPerSecond) + " req/s";

    /// <summary>A number with about three significant digits, as "0.123", "12.3" or "1,234".</summary>
    public static string Plain(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("#,0", Invariant),
        >= 10 => value.ToString("0.0", Invariant),
        >= 1 => value.ToString("0.00", Invariant),
        _ => value.ToString("0.###", Invariant),
    };

    /// <summary>A fraction as a whole percentage, as "38%", or "under 1%" for a positive fraction that rounds to 0.</summary>
    public static string Percent(double fraction) =>
        fraction is > 0 and < 0.005 ? "under 1%" : (fraction * 100).ToString("0", Invariant) + "%";

    /// <summary>
    /// How much higher <paramref name="value"/> is than <paramref name="reference"/>: "12% above" below double,
    /// "3.4×" from double on, "equal to" when the same.
    /// </summary>
    public static string Above(double value, double reference) =>
        value == reference ? "equal to"
        : reference > 0 && value / reference >= 2 ? $"{Times(value / reference)}"
        : $"{Percent((value - reference) / reference)} above";

    /// <summary>How much lower <paramref name="value"/> is than <paramref name="reference"/>: "38% below", "equal to" when the same.</summary>
    public static string Below(double value, double reference) =>
        value == reference ? "equal to" : $"{Percent((reference - value) / reference)} below";

    /// <summary>A ratio, as "4.1×" or "47×".</summary>
    public static string Times(double ratio) => (ratio >= 10 ? ratio.ToString("#,0", Invariant) : ratio.ToString("0.0", Invariant)) + "×";

    /// <summary>Joins items as "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>A range of batch sizes, as "batch 4" or "batch 1–16".</summary>
    public static string Batches(int first, int last) =>
        first == last ? $"batch {Tokens(first)}" : $"batch {Tokens(first)}–{Tokens(last)}";
}
