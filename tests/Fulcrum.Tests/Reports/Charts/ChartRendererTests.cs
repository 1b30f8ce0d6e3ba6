using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Charts.Rendering;

namespace Fulcrum.Tests.Reports.Charts;

public class ChartRendererTests
{
    public static TheoryData<string> Kinds => ["scatter", "line", "grid", "bars", "heatmap"];

    private static ChartSpec Sample(string kind) => kind switch
    {
        "scatter" => SampleCharts.Scatter(),
        "line" => SampleCharts.Line(),
        "grid" => SampleCharts.Grid(),
        "bars" => SampleCharts.Bars(),
        "heatmap" => SampleCharts.HeatMap(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Png_IsNonTrivialImage(string kind)
    {
        var image = PngImage.Decode(ChartRenderer.RenderPng(Sample(kind), 900, 540));

        Assert.Equal(900, image.Width);
        Assert.Equal(540, image.Height);
        // Anti-aliased lines, text and several series colours give hundreds of colours; a blank or
        // single-colour image gives one or two.
        Assert.True(image.DistinctColors() > 50, $"only {image.DistinctColors()} colours");
        var ink = image.InkFraction();
        Assert.True(ink is > 0.02 and < 0.9, $"ink fraction {ink:F3}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Svg_IsWellFormedWithText(string kind)
    {
        var svg = ChartRenderer.RenderSvg(Sample(kind), 900, 540);

        var root = SvgText.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("900", root.Attribute("width")?.Value);
        Assert.Equal("540", root.Attribute("height")?.Value);
        Assert.Contains(Sample(kind).Title, SvgText.Texts(svg));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Output_IsDeterministic(string kind)
    {
        var svg = ChartRenderer.RenderSvg(Sample(kind));
        var png = ChartRenderer.RenderPng(Sample(kind));

        // Render something else in between: ids and caches must not leak from one chart into the next.
        _ = ChartRenderer.RenderSvg(SampleCharts.Grid());

        Assert.Equal(svg, ChartRenderer.RenderSvg(Sample(kind)));
        Assert.Equal(png, ChartRenderer.RenderPng(Sample(kind)));
    }

    [Fact]
    public void ParallelRendering_MatchesSequential()
    {
        var specs = SampleCharts.All().ToList();
        var sequential = specs.Select(spec => ChartRenderer.RenderSvg(spec)).ToList();

        var parallel = new string[specs.Count * 4];
        Parallel.For(0, parallel.Length, i => parallel[i] = ChartRenderer.RenderSvg(specs[i % specs.Count]));

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % specs.Count], parallel[i]);
        }
    }

    [Fact]
    public void LineChart_LabelsAxesWithUnitsAndSeries()
    {
        var texts = SvgText.Texts(ChartRenderer.RenderSvg(SampleCharts.Line(scale: AxisScale.Linear)));

        Assert.Contains("Output throughput (tokens/s)", texts);
        Assert.Contains("TPOT p50 (ms)", texts);
        foreach (var split in SampleCharts.Splits)
        {
            Assert.Contains(split, texts);
        }
    }

    [Fact]
    public void LogAxis_LabelsOneTwoFivePerDecade()
    {
        // X data (input 2,048): the fastest point is TP8×PP1 at batch 256, 256 × 1000 / (9 + 0.6 × 256) = 1,574
        // tokens/s; the slowest is TP1×PP8 at batch 1, 1000 / (9 + 9 + 0.6) = 53.8. log10 range 1.731…3.197
        // (1.466 decades) padded 5% each side: 1.657…3.270, i.e. 45.4…1,862. Under two decades wide, so 1-2-5 ticks.
        var spec = SampleCharts.Line();
        var texts = SvgText.Texts(ChartRenderer.RenderSvg(spec with { Y = spec.Y with { Scale = AxisScale.Linear } }));

        foreach (var label in new[] { "50", "100", "200", "500", "1,000" })
        {
            Assert.Contains(label, texts);
        }

        Assert.DoesNotContain("2,000", texts);
        Assert.DoesNotContain("300", texts);
    }

    [Fact]
    public void Series_UsePaletteThenExplicitColours()
    {
        var spec = SampleCharts.Line();
        var recoloured = spec with { Series = [.. spec.Series.Select((s, i) => i == 1 ? s with { Color = "#123456" } : s)] };

        var svg = ChartRenderer.RenderSvg(recoloured);

        Assert.Contains(ChartPalette.ColorAt(0), svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("#123456", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ChartPalette.ColorAt(1), svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Title_DrawsGlyphsInTitleBand()
    {
        var withTitle = PngImage.Decode(ChartRenderer.RenderPng(SampleCharts.Line()));
        var withoutTitle = PngImage.Decode(ChartRenderer.RenderPng(SampleCharts.Line() with { Title = "" }));

        // The title's glyphs occupy roughly the top 35 pixels. Without a title the data area moves up, but its
        // frame is a single grey line, far less ink than a line of 17 px text.
        Assert.True(withTitle.InkFraction(0, 35) > 0.01, $"title band ink {withTitle.InkFraction(0, 35):F4}");
        Assert.True(withTitle.DistinctColors(0, 35) > 10, "title glyphs should be anti-aliased into many greys");
        Assert.True(withoutTitle.InkFraction(0, 12) < 0.001, $"untitled top band ink {withoutTitle.InkFraction(0, 12):F4}");
    }

    [Fact]
    public void Fonts_ResolveToEmbeddedTypefaces()
    {
        ChartFonts.EnsureRegistered();

        Assert.Same(ChartFonts.Regular, ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: false, italic: false));
        Assert.Same(ChartFonts.Bold, ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: true, italic: false));
        Assert.Equal(ChartFonts.Family, ChartFonts.Regular.FamilyName);
        Assert.True(ChartFonts.Regular.ContainsGlyphs("Throughput ×0123456789µ–…"), "embedded font lacks glyphs used in labels");
    }

    [Fact]
    public void PanelGrid_DrawsEachPanelAndOneLegend()
    {
        var texts = SvgText.Texts(ChartRenderer.RenderSvg(SampleCharts.Grid(), 1400, 900));

        foreach (var input in new[] { "128", "512", "2,048", "8,192", "32,768" })
        {
            Assert.Contains($"Input {input} tokens", texts);
        }

        foreach (var split in SampleCharts.Splits)
        {
            Assert.Single(texts, t => t == split);
        }
    }

    [Fact]
    public void StackedBars_NameBarsAndCategories()
    {
        foreach (var orientation in new[] { BarOrientation.Horizontal, BarOrientation.Vertical })
        {
            var texts = SvgText.Texts(ChartRenderer.RenderSvg(SampleCharts.Bars() with { Orientation = orientation }));

            Assert.Contains("Time per step (ms)", texts);
            Assert.All(SampleCharts.Splits, split => Assert.Contains(split, texts));
            Assert.All(SampleCharts.Categories, category => Assert.Contains(category, texts));
        }
    }

    [Fact]
    public void HeatMap_LabelsCellsWhenTheyFit()
    {
        var spec = SampleCharts.HeatMap();
        var cellsOfFirstSplit = spec.Cells.SelectMany(row => row).Count(cell => cell == SampleCharts.Splits[0]);

        var large = SvgText.Texts(ChartRenderer.RenderSvg(spec, 1000, 600));
        var small = SvgText.Texts(ChartRenderer.RenderSvg(spec, 300, 200));
        var unlabelled = SvgText.Texts(ChartRenderer.RenderSvg(spec with { LabelCells = false }, 1000, 600));

        // Each cell label plus the legend entry.
        Assert.Equal(cellsOfFirstSplit + 1, large.Count(t => t == SampleCharts.Splits[0]));
        Assert.Equal(1, small.Count(t => t == SampleCharts.Splits[0]));
        Assert.Equal(1, unlabelled.Count(t => t == SampleCharts.Splits[0]));
        Assert.Contains("Does not fit", large);
    }

    [Fact]
    public void Save_WritesFilesAtomically()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-charts-");
        try
        {
            var png = Path.Combine(folder.FullName, "out", "chart.png");
            var svg = Path.Combine(folder.FullName, "out", "chart.svg");

            ChartRenderer.SavePng(SampleCharts.Bars(), png);
            ChartRenderer.SaveSvg(SampleCharts.Bars(), svg);

            Assert.Equal(ChartRenderer.RenderPng(SampleCharts.Bars()), File.ReadAllBytes(png));
            Assert.Equal(ChartRenderer.RenderSvg(SampleCharts.Bars()), File.ReadAllText(svg));
            Assert.Equal(["chart.png", "chart.svg"], Directory.GetFiles(Path.Combine(folder.FullName, "out")).Select(Path.GetFileName).Order());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
