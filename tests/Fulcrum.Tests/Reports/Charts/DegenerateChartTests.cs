using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Charts.Rendering;

namespace Fulcrum.Tests.Reports.Charts;

public class DegenerateChartTests
{
    private static readonly AxisSpec Batch = new("Batch size", null);
    private static readonly AxisSpec Ttft = new("TTFT p90", "ms");

    private static LineChartSpec LineOf(params ChartSeries[] series) => new("TTFT against batch size", Batch, Ttft, series);

    private static ChartSeries SeriesOf(string name, params (double X, double Y)[] points) =>
        new(name, [.. points.Select(p => new ChartPoint(p.X, p.Y))]);

    [Fact]
    public void NonFinitePoints_AreLeftOut()
    {
        var clean = LineOf(SeriesOf("TP8×PP1", (1, 40), (2, 42), (4, 47)));
        var noisy = LineOf(SeriesOf("TP8×PP1", (1, 40), (double.NaN, 41), (2, 42), (3, double.PositiveInfinity), (4, 47), (5, double.NaN)));

        Assert.Equal(ChartRenderer.RenderSvg(clean), ChartRenderer.RenderSvg(noisy));
    }

    [Fact]
    public void LogAxis_LeavesOutNonPositive()
    {
        var logX = Batch with { Scale = AxisScale.Log10 };
        var clean = LineOf(SeriesOf("TP8×PP1", (1, 40), (2, 42), (4, 47))) with { X = logX };
        var withZero = LineOf(SeriesOf("TP8×PP1", (0, 39), (1, 40), (2, 42), (-4, 44), (4, 47))) with { X = logX };

        Assert.Equal(ChartRenderer.RenderSvg(clean), ChartRenderer.RenderSvg(withZero));
    }

    public static TheoryData<string> EmptyCharts => ["no series", "empty series", "all NaN", "scatter", "bars", "heatmap", "grid"];

    [Theory]
    [MemberData(nameof(EmptyCharts))]
    public void EmptyInput_RendersNoDataNote(string kind)
    {
        ChartSpec spec = kind switch
        {
            "no series" => LineOf(),
            "empty series" => LineOf(SeriesOf("TP8×PP1")),
            "all NaN" => LineOf(SeriesOf("TP8×PP1", (double.NaN, 1), (2, double.NaN))),
            "scatter" => new ScatterChartSpec("Pareto frontier", Batch, Ttft, []),
            "bars" => new StackedBarChartSpec("Time breakdown", new AxisSpec("Time", "ms"), ["TP8×PP1"], [new StackedBarSegment("GEMM compute", [null])]),
            "heatmap" => new CategoryHeatMapSpec("Best split", Batch, new AxisSpec("Input length", "tokens"), [], [], []),
            "grid" => new PanelGridSpec("Per input length", []),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Contains("No data", SvgText.Texts(ChartRenderer.RenderSvg(spec)));
        Assert.True(PngImage.Decode(ChartRenderer.RenderPng(spec)).InkFraction() > 0.001);
    }

    [Fact]
    public void SinglePoint_RendersOnLinearAndLogAxes()
    {
        var linear = LineOf(SeriesOf("TP8×PP1", (8, 120)));
        var log = linear with { X = Batch with { Scale = AxisScale.Log10 }, Y = Ttft with { Scale = AxisScale.Log10 } };

        Assert.DoesNotContain("No data", SvgText.Texts(ChartRenderer.RenderSvg(linear)));

        // A single value gets half a decade each side: 8 → 2.53…25.3 (three 1-2-5 ticks), 120 → 37.9…379.
        var logTexts = SvgText.Texts(ChartRenderer.RenderSvg(log));
        Assert.Contains("5", logTexts);
        Assert.Contains("10", logTexts);
        Assert.Contains("20", logTexts);
        Assert.Contains("50", logTexts);
        Assert.Contains("100", logTexts);
        Assert.Contains("200", logTexts);
    }

    [Fact]
    public void ConstantValues_Render()
    {
        var flat = LineOf(SeriesOf("TP8×PP1", (1, 42), (2, 42), (4, 42)), SeriesOf("TP4×PP2", (1, 42), (2, 42), (4, 42)));
        var image = PngImage.Decode(ChartRenderer.RenderPng(flat));

        Assert.True(image.DistinctColors() > 50);
        Assert.DoesNotContain("No data", SvgText.Texts(ChartRenderer.RenderSvg(flat)));
    }

    [Fact]
    public void LongLabels_AreShortenedWithEllipsis()
    {
        var longName = string.Concat(Enumerable.Repeat("TP8×PP1 with a very long description ", 12));
        var spec = new LineChartSpec(longName, new AxisSpec(longName, "ms"), Ttft, [SeriesOf(longName, (1, 40), (2, 45))]);

        var texts = SvgText.Texts(ChartRenderer.RenderSvg(spec));
        var image = PngImage.Decode(ChartRenderer.RenderPng(spec));

        Assert.All(texts, text => Assert.True(text.Length <= ChartText.TitleLength, $"text of {text.Length} characters drawn"));
        Assert.Contains(texts, text => text.EndsWith('…'));
        Assert.True(image.InkFraction() > 0.02);
    }

    [Fact]
    public void LongBarNames_AreShortened()
    {
        var longName = new string('x', 200);
        var spec = new StackedBarChartSpec("Breakdown", new AxisSpec("Time", "ms"), [longName], [new StackedBarSegment(longName, [1.0])]);

        var texts = SvgText.Texts(ChartRenderer.RenderSvg(spec));
        var shortened = texts.Where(text => text.StartsWith("xxx", StringComparison.Ordinal)).ToList();

        // The bar's tick label and the segment's legend entry, both cut to fit and ending with an ellipsis.
        Assert.Equal(2, shortened.Count);
        Assert.All(shortened, text => Assert.EndsWith("…", text, StringComparison.Ordinal));
        Assert.All(shortened, text => Assert.True(text.Length <= ChartText.LabelLength));
    }

    [Fact]
    public void Markup_InLabelsIsEscapedInSvg()
    {
        var spec = LineOf(SeriesOf("<b>TP8</b> & \"PP1\"", (1, 40), (2, 45))) with { Title = "a < b & c > d" };

        var texts = SvgText.Texts(ChartRenderer.RenderSvg(spec));

        Assert.Contains("a < b & c > d", texts);
        Assert.Contains("<b>TP8</b> & \"PP1\"", texts);
    }

    [Fact]
    public void StackedBars_NullNaNAndZeroDrawNothing()
    {
        StackedBarChartSpec With(double? missing) => new(
            "Breakdown",
            new AxisSpec("Time", "ms"),
            ["TP8×PP1", "TP4×PP2"],
            [new StackedBarSegment("GEMM compute", [3.0, missing]), new StackedBarSegment("Collectives", [missing, 2.0])]);

        var withNull = ChartRenderer.RenderSvg(With(null));

        Assert.Equal(withNull, ChartRenderer.RenderSvg(With(double.NaN)));
        Assert.Equal(withNull, ChartRenderer.RenderSvg(With(0)));
    }

    [Fact]
    public void StackedBars_RejectBadValues()
    {
        var axis = new AxisSpec("Time", "ms");
        var tooFew = new StackedBarChartSpec("Breakdown", axis, ["TP8×PP1", "TP4×PP2"], [new StackedBarSegment("GEMM compute", [1.0])]);
        var negative = new StackedBarChartSpec("Breakdown", axis, ["TP8×PP1"], [new StackedBarSegment("GEMM compute", [-1.0])]);

        var countError = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(tooFew));
        var signError = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(negative));

        Assert.Contains("has 1 values but the chart has 2 bars", countError.Message);
        Assert.Contains("must be zero or more", signError.Message);
    }

    [Fact]
    public void HeatMap_RejectsInconsistentGrid()
    {
        var spec = SampleCharts.HeatMap();

        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(spec with { YLabels = ["128"] }));
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(spec with { XLabels = ["1", "2"] }));
        var unknown = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(spec with { Categories = [new HeatMapCategory("TP8×PP1")] }));
        Assert.Contains("is not in Categories", unknown.Message);
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(spec with { Categories = [new("TP8×PP1"), new("TP8×PP1")] }));
    }

    [Fact]
    public void HeatMap_UsesGivenCategoryColours()
    {
        var spec = SampleCharts.HeatMap() with
        {
            Categories = [.. SampleCharts.Splits.Select((split, i) => new HeatMapCategory(split, i == 0 ? "#0a0b0c" : null))],
        };

        Assert.Contains("#0A0B0C", ChartRenderer.RenderSvg(spec), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        var spec = LineOf(SeriesOf("TP8×PP1", (1, 40)) with { Color = "red" });

        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(spec));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(SampleCharts.Line(), ChartRenderer.MinDimension - 1, 400));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderSvg(SampleCharts.Line(), 400, ChartRenderer.MaxDimension + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderSvg(SampleCharts.Grid() with { Columns = 0 }));
    }
}
