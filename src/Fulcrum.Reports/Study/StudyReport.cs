using Fulcrum.Reports.Charts;
using Fulcrum.Reports.Files;
using Fulcrum.Study;

namespace Fulcrum.Reports.Study;

/// <summary>
/// Writes a study into one folder, replacing it as a unit: the HTML report with its charts inline, every chart as PNG
/// and SVG under <see cref="ChartsFolder"/>, and CSV files of the static grid and the online runs.
/// </summary>
public static class StudyReport
{
    public const string ReportFile = "report.html";
    public const string GridCsvFile = "study-grid.csv";
    public const string OnlineCsvFile = "study-online.csv";
    public const string ChartsFolder = "charts";

    private static readonly string[] ReportExtensions = [".html", ".csv", ".png", ".svg", ".json"];
    private static readonly string[] ChartExtensions = [".png", ".svg"];

    /// <summary>
    /// Renders and writes the report into <paramref name="folder"/>; returns the paths written, relative to it.
    /// An existing folder is replaced only when it contains nothing but report files.
    /// </summary>
    /// <param name="command">The command line that produced the study, for the report's footer; null for none.</param>
    /// <exception cref="Errors.InputException">The folder cannot be written or contains other files.</exception>
    public static IReadOnlyList<string> Write(StudyResult result, string folder, string? command = null, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = result.Models.Select(StudyCharts.For).ToList();
        var flat = charts.SelectMany(c => c).ToList();
        var svgs = new string[flat.Count];
        var pngs = new byte[flat.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(0, flat.Count, options, i =>
        {
            svgs[i] = ChartRenderer.RenderSvg(flat[i].Spec, flat[i].Width, flat[i].Height);
            pngs[i] = ChartRenderer.RenderPng(flat[i].Spec, flat[i].Width, flat[i].Height);
        });

        var files = new List<string> { ReportFile, GridCsvFile, OnlineCsvFile };
        foreach (var chart in flat)
        {
            files.Add($"{ChartsFolder}/{chart.FileStem}.png");
            files.Add($"{ChartsFolder}/{chart.FileStem}.svg");
        }

        var rendered = new List<IReadOnlyList<(StudyChart, string)>>();
        var offset = 0;
        foreach (var model in charts)
        {
            rendered.Add(model.Select((chart, i) => (chart, svgs[offset + i])).ToList());
            offset += model.Count;
        }

        var html = StudyHtml.Build(result, rendered, files, command);
        AtomicDirectory.Replace(folder, temporary =>
        {
            var chartFolder = Path.Combine(temporary, ChartsFolder);
            for (var i = 0; i < flat.Count; i++)
            {
                AtomicFile.WriteAllBytes(Path.Combine(chartFolder, flat[i].FileStem + ".png"), pngs[i]);
                AtomicFile.WriteAllText(Path.Combine(chartFolder, flat[i].FileStem + ".svg"), svgs[i]);
            }

            StudyCsv.Save(result, Path.Combine(temporary, GridCsvFile), Path.Combine(temporary, OnlineCsvFile));
            html.Save(Path.Combine(temporary, ReportFile));
        }, IsReportEntry);
        return files;
    }

    /// <summary>Throws <see cref="Errors.InputException"/> now if <paramref name="folder"/> could not take a report, before any work is done.</summary>
    public static void CheckFolder(string folder) => AtomicDirectory.Check(folder, IsReportEntry);

    /// <summary>Whether an entry of an existing output folder may be replaced: report files, and a charts folder of PNG and SVG files.</summary>
    internal static bool IsReportEntry(FileSystemInfo entry) => entry switch
    {
        FileInfo file => HasExtension(file, ReportExtensions),
        DirectoryInfo folder => folder.Name == ChartsFolder && folder.EnumerateFileSystemInfos().All(e => e is FileInfo f && HasExtension(f, ChartExtensions)),
        _ => false,
    };

    private static bool HasExtension(FileInfo file, string[] extensions) =>
        extensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase);
}
