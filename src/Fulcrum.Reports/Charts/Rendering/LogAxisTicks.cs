using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>
/// Ticks and limits for a log10 axis, whose plot coordinates are log10 of the data. Labels show the data
/// values. The labelled mantissas depend on how many decades are visible, so a narrow range such as
/// 30 to 80 ms still gets several labels and a wide one does not crowd.
/// </summary>
internal static class LogAxisTicks
{
    /// <summary>
    /// Sets limits around [<paramref name="min"/>, <paramref name="max"/>] (log10 coordinates), padded by the
    /// given fractions of the range, and the ticks inside them.
    /// </summary>
    public static void Apply(IAxis axis, double min, double max, double lowPadding, double highPadding)
    {
        var (low, high) = Limits(min, max, lowPadding, highPadding);
        axis.Min = low;
        axis.Max = high;

        var generator = new NumericManual();
        foreach (var (position, label) in MajorTicks(low, high))
        {
            generator.AddMajor(position, label);
        }

        foreach (var position in MinorTicks(low, high))
        {
            generator.AddMinor(position);
        }

        axis.TickGenerator = generator;
    }

    /// <summary>Returns the visible range: the data range padded by the given fractions, or half a decade each side of a single value.</summary>
    internal static (double Low, double High) Limits(double min, double max, double lowPadding, double highPadding)
    {
        var span = max - min;
        if (span < 1e-9)
        {
            return (min - 0.5, max + 0.5);
        }

        return (min - (lowPadding * span), max + (highPadding * span));
    }

    /// <summary>Returns labelled ticks (log10 position, data value as text) within [<paramref name="low"/>, <paramref name="high"/>].</summary>
    internal static IReadOnlyList<(double Position, string Label)> MajorTicks(double low, double high)
    {
        var span = high - low;
        int[] mantissas = span switch
        {
            > 2 => [1],
            > 0.8 => [1, 2, 5],
            _ => [1, 2, 3, 4, 5, 6, 7, 8, 9],
        };

        // Over many decades, label every second or third decade so labels do not overlap.
        var decadeStep = span > 12 ? 3 : span > 7 ? 2 : 1;
        var ticks = new List<(double, string)>();
        for (var decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            foreach (var mantissa in mantissas)
            {
                if (mantissa == 1 && decade % decadeStep != 0)
                {
                    continue;
                }

                var position = decade + Math.Log10(mantissa);
                if (position >= low && position <= high)
                {
                    ticks.Add((position, FormatValue(mantissa, decade)));
                }
            }
        }

        return ticks;
    }

    /// <summary>Returns unlabelled ticks at 2…9 × 10^k, shown only where the axis spans few enough decades to space them.</summary>
    internal static IReadOnlyList<double> MinorTicks(double low, double high)
    {
        if (high - low > 7)
        {
            return [];
        }

        var ticks = new List<double>();
        for (var decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            for (var mantissa = 2; mantissa <= 9; mantissa++)
            {
                var position = decade + Math.Log10(mantissa);
                if (position >= low && position <= high)
                {
                    ticks.Add(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>Formats mantissa × 10^decade: grouped digits from 1 up to 10^9, decimals down to 0.001, scientific beyond.</summary>
    internal static string FormatValue(int mantissa, int decade)
    {
        if (decade is >= 0 and < 9)
        {
            var value = mantissa * (long)Math.Pow(10, decade);
            return value.ToString("#,0", CultureInfo.InvariantCulture);
        }

        if (decade is < 0 and >= -3)
        {
            var value = mantissa / Math.Pow(10, -decade);
            return value.ToString("0.###", CultureInfo.InvariantCulture);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{decade}");
    }
}
