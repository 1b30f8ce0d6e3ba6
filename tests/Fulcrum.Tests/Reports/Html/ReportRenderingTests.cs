using System.Text.RegularExpressions;

namespace Fulcrum.Tests.Reports.Html;

/// <summary>Opens a sample report in headless Chromium: the browser must parse it, lay it out and draw its charts.</summary>
public sealed class ReportRenderingTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-report-");
    private readonly string reportPath;

    public ReportRenderingTests()
    {
        reportPath = Path.Combine(folder.FullName, "plan.html");
        SampleReport.Build().Save(reportPath);
    }

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Chromium_ParsesSectionsAndFigures()
    {
        var dom = HeadlessChromium.DumpDom(reportPath);

        foreach (var id in SampleReport.SectionIds)
        {
            Assert.Matches(new Regex($"<section[^>]* id=\"{id}\""), dom);
        }

        Assert.Equal(SampleReport.FigureCount, Regex.Count(dom, "<img src=\"data:image/"));
        Assert.Equal(SampleReport.FigureCount, Regex.Count(dom, "<figcaption>"));
        Assert.Contains("Recommended</span>", dom);
    }

    [Fact]
    public void Chromium_DrawsReportWithCharts()
    {
        // Tall enough to reach the first figures below the contents, inputs and table.
        var image = PngImage.Decode(HeadlessChromium.Screenshot(reportPath, 1200, 2400));

        Assert.Equal(1200, image.Width);
        Assert.Equal(2400, image.Height);

        // Text, table shading, badges and chart colours: far more than a blank or error page.
        Assert.True(image.DistinctColors() > 500, $"{image.DistinctColors()} colours");
        var ink = image.InkFraction();
        Assert.True(ink is > 0.03 and < 0.6, $"ink fraction {ink:F3}");

        // The lower part contains the scatter chart and the panel grid. A broken image there leaves it near-blank.
        var chartInk = image.InkFraction(1400, 2400);
        Assert.True(chartInk > 0.03, $"chart area ink fraction {chartInk:F3}");
    }
}
