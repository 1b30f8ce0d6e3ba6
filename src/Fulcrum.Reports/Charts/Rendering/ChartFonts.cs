using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>
/// The chart font, Liberation Sans (data/fonts), loaded from embedded resources and registered with ScottPlot
/// ahead of its system font lookup. Charts therefore render text the same way on every machine, and on
/// machines with no system fonts at all, where Skia's default typeface has no glyphs and labels come out blank.
/// </summary>
internal static class ChartFonts
{
    /// <summary>Family name the typefaces report, which SVG output writes into its font-family attributes.</summary>
    public const string Family = "Liberation Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(Load);

    private static readonly Lock RegistrationLock = new();
    private static bool registered;

    public static SKTypeface Regular => Typefaces.Value.Regular;

    public static SKTypeface Bold => Typefaces.Value.Bold;

    /// <summary>
    /// Puts the embedded typefaces first in ScottPlot's font resolvers and makes <see cref="Family"/> its
    /// default font. ScottPlot keeps these settings in static state, so this runs once per process, before
    /// any plot is created (labels copy the default font name when they are constructed).
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (RegistrationLock)
        {
            if (registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            Fonts.DefaultFontStyle = null;
            registered = true;
        }
    }

    private static (SKTypeface Regular, SKTypeface Bold) Load() =>
        (LoadTypeface("fonts/LiberationSans-Regular.ttf"), LoadTypeface("fonts/LiberationSans-Bold.ttf"));

    private static SKTypeface LoadTypeface(string resourceName)
    {
        var assembly = typeof(ChartFonts).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded font '{resourceName}' is missing from {assembly.GetName().Name}; rebuild Fulcrum.Reports.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var data = SKData.CreateCopy(buffer.ToArray());
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"Embedded font '{resourceName}' could not be read by SkiaSharp.");
    }

    /// <summary>Resolves <see cref="Family"/> to the embedded typefaces; bold weights get the bold face.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            IsFamily(fontName) ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            IsFamily(fontName) ? (bold ? Bold : Regular) : null;

        private static bool IsFamily(string fontName) => string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase);
    }
}
