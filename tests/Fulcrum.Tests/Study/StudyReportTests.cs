using System.Text.RegularExpressions;
using Fulcrum.Reports.Study;
using Fulcrum.Tests.Reports;

namespace Fulcrum.Tests.Study;

/// <summary>The report folder of a small real study: CSV rows for every point, chart files, and the HTML as Chromium renders it.</summary>
public sealed class StudyReportTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-study-");
    private readonly string output;
    private readonly IReadOnlyList<string> files;

    public StudyReportTests()
    {
        output = Path.Combine(folder.FullName, "report");
        files = StudyReport.Write(StudyRunnerTests.Small.Value, output, "fulcrum study --model Llama-3.2-1B");
    }

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Write_ListsOnlyFilesItWrote()
    {
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files.Order(StringComparer.Ordinal), written);

        // 3 panel grids, 2 breakdowns (shortest and longest input), the heat map and 2 online charts, each as PNG and SVG.
        Assert.Equal(8 * 2, files.Count(f => f.StartsWith("charts/", StringComparison.Ordinal)));
        Assert.Empty(folder.EnumerateDirectories(".*"));
    }

    [Fact]
    public void GridCsv_HasARowPerPoint()
    {
        var lines = File.ReadAllLines(Path.Combine(output, StudyReport.GridCsvFile));
        var study = StudyRunnerTests.Small.Value.Models[0];
        var header = lines[0].Split(',');

        Assert.Equal(StudyCsv.GridHeader, header);
        Assert.Equal(study.Grid.Points.Count + 1, lines.Length);
        var keys = lines.Skip(1).Select(line => line.Split(',')).Select(f => string.Join('/', f[3], f[4], f[5], f[7], f[8], f[9])).ToHashSet();
        foreach (var p in study.Grid.Points)
        {
            Assert.Contains($"{p.Split.Tp}/{p.Split.Pp}/{p.Split.Dp}/{p.InputTokens}/{p.OutputTokens}/{p.BatchSize}", keys);
        }
    }

    [Fact]
    public void OnlineCsv_HasSaturatedAndRateRuns()
    {
        var lines = File.ReadAllLines(Path.Combine(output, StudyReport.OnlineCsvFile));

        // 10 splits × 2 workloads × (1 saturated run + 2 rates).
        Assert.Equal(StudyCsv.OnlineHeader, lines[0].Split(','));
        Assert.Equal((10 * 2 * 3) + 1, lines.Length);
    }

    [Fact]
    public void Chromium_ShowsSectionsAndCharts()
    {
        var dom = HeadlessChromium.DumpDom(Path.Combine(output, StudyReport.ReportFile));
        const string slug = "llama-3-2-1b-bf16";
        foreach (var id in new[] { "inputs", "method", slug, $"{slug}-findings", $"{slug}-latency", $"{slug}-time", $"{slug}-best-split", $"{slug}-slas", $"{slug}-online", "files" })
        {
            Assert.Matches(new Regex($"<section[^>]* id=\"{id}\""), dom);
        }

        Assert.Equal(8, Regex.Count(dom, "<img src=\"data:image/svg\\+xml;base64,"));
        Assert.Equal(8, Regex.Count(dom, "<figcaption>"));
        Assert.Contains("Published trade-off (TP improves latency, PP suits throughput)", dom);
        Assert.Contains("Highest throughput</span>", dom);
    }

    [Fact]
    public void Chromium_DrawsTheCharts()
    {
        var image = PngImage.Decode(HeadlessChromium.Screenshot(Path.Combine(output, StudyReport.ReportFile), 1200, 2400));

        Assert.True(image.DistinctColors() > 500, $"{image.DistinctColors()} colours");
        var ink = image.InkFraction();
        Assert.True(ink is > 0.03 and < 0.6, $"ink fraction {ink:F3}");
    }

    [Fact]
    public void Write_ReplacesAnEarlierReport()
    {
        var stale = Path.Combine(output, "charts", "old-model-best-split.png");
        File.WriteAllBytes(stale, [1, 2, 3]);

        StudyReport.Write(StudyRunnerTests.Small.Value, output);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(output, StudyReport.ReportFile)));
    }

    [Fact]
    public void Write_KeepsAFolderWithOtherFiles()
    {
        var notes = Path.Combine(folder.FullName, "notes");
        Directory.CreateDirectory(notes);
        File.WriteAllText(Path.Combine(notes, "plan.txt"), "mine");

        var error = Assert.Throws<Fulcrum.Errors.InputException>(() => StudyReport.Write(StudyRunnerTests.Small.Value, notes));

        Assert.Contains("plan.txt", error.Message);
        Assert.Equal(["plan.txt"], Directory.EnumerateFileSystemEntries(notes).Select(Path.GetFileName));
        Assert.Empty(folder.EnumerateDirectories(".*"));
    }
}
