using System.Globalization;

namespace Fulcrum.Reports.Tables;

/// <summary>Number formatting for console tables, always in the invariant culture.</summary>
public static class Units
{
    public static string GiB(long bytes) => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Billions(long value) => (value / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "B";

    public static string Fixed(double value, int decimals) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Optional(double? value, int decimals) => value is { } v ? Fixed(v, decimals) : "n/a";
}
