using System.Text.RegularExpressions;
using Fulcrum.Reports.Html;
using Fulcrum.Tests.Reports.Charts;

namespace Fulcrum.Tests.Reports.Html;

public class HtmlReportTests
{
    [Fact]
    public void Text_IsEscapedEverywhere()
    {
        const string Evil = "<script>alert('x')</script> & \"quoted\"";
        var report = new HtmlReport(Evil) { Subtitle = Evil, Footer = Evil };
        report.AddSection("inputs", Evil)
            .AddParagraph(Evil)
            .AddList([Evil])
            .AddKeyValues([new(Evil, Evil)], caption: Evil)
            .AddTable(new ReportTable([new TableColumn(Evil)], [new ReportTableRow([Evil]) { Marks = [Evil] }]) { Caption = Evil })
            .AddChart(SampleCharts.Line() with { Title = Evil }, Evil);

        var html = report.ToHtml();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"quoted\"", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", html);
    }

    [Fact]
    public void Report_IsSelfContained()
    {
        var html = SampleReport.Build().ToHtml();

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">", html);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(?!data:|#)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sections_HaveAnchorsAndContents()
    {
        var html = SampleReport.Build().ToHtml();

        foreach (var id in SampleReport.SectionIds)
        {
            Assert.Contains($"id=\"{id}\"", html);
            Assert.Contains($"<a href=\"#{id}\">", html);
        }

        Assert.Contains("<h3>Time breakdown", html);
    }

    [Fact]
    public void Figures_AreNumberedDataImages()
    {
        var html = SampleReport.Build().ToHtml();

        Assert.Equal(SampleReport.FigureCount, Regex.Count(html, "<img src=\"data:image/(svg\\+xml|png);base64,"));
        for (var n = 1; n <= SampleReport.FigureCount; n++)
        {
            Assert.Contains($"<figure id=\"figure-{n}\">", html);
            Assert.Contains($"Figure {n}.</span>", html);
        }

        Assert.Contains("width=\"1400\" height=\"900\"", html);
    }

    [Fact]
    public void Tables_MarkRowsAndMissingValues()
    {
        var html = SampleReport.Build().ToHtml();

        Assert.Contains("<tr class=\"marked\"><td>TP2×PP4 <span class=\"badge\">Recommended</span></td>", html);
        Assert.Contains("<tr><td>TP1×PP8</td><td class=\"num\">2,480</td><td class=\"missing num\">–</td></tr>", html);
        Assert.Contains("<th scope=\"row\">Target rate</th><td class=\"missing\">–</td>", html);
        Assert.Contains("<caption>Simulated at 4 requests/s</caption>", html);
    }

    [Fact]
    public void Output_IsDeterministic() =>
        Assert.Equal(SampleReport.Build().ToHtml(), SampleReport.Build().ToHtml());

    [Theory]
    [InlineData("Inputs")]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("figure-1")]
    [InlineData("contents")]
    public void SectionId_MustBeFreeSlug(string id) =>
        Assert.Throws<ArgumentException>(() => new HtmlReport("Plan").AddSection(id, "Heading"));

    [Fact]
    public void SectionId_MustBeUniqueAcrossLevels()
    {
        var report = new HtmlReport("Plan");
        report.AddSection("charts", "Charts").AddSubsection("breakdown", "Breakdown");

        var error = Assert.Throws<ArgumentException>(() => report.AddSection("breakdown", "Again"));

        Assert.Contains("used twice", error.Message);
    }

    [Fact]
    public void Subsections_NestOneLevel()
    {
        var subsection = new HtmlReport("Plan").AddSection("charts", "Charts").AddSubsection("breakdown", "Breakdown");

        Assert.Throws<InvalidOperationException>(() => subsection.AddSubsection("deeper", "Deeper"));
    }

    [Fact]
    public void TableRowWidth_MustMatchColumns()
    {
        var table = new ReportTable([new TableColumn("A"), new TableColumn("B")], [new ReportTableRow(["only one"])]);

        var error = Assert.Throws<ArgumentException>(() => new HtmlReport("Plan").AddSection("t", "T").AddTable(table));

        Assert.Contains("row 1 has 1 cells but the table has 2 columns", error.Message);
    }

    [Fact]
    public void Save_WritesSameBytesAsToHtml()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-html-");
        try
        {
            var report = SampleReport.Build();
            var path = Path.Combine(folder.FullName, "plan.html");

            report.Save(path);

            Assert.Equal(report.ToHtml(), File.ReadAllText(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void SingleSection_HasNoContentsList()
    {
        var report = new HtmlReport("Plan");
        report.AddSection("only", "Only");

        Assert.DoesNotContain("id=\"contents\"", report.ToHtml());
    }
}
