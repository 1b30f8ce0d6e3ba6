using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Fulcrum.Reports.Charts.Rendering;

/// <summary>Builds the plot of a <see cref="CategoryHeatMapSpec"/>: one filled rectangle per cell, a legend of categories.</summary>
internal static class HeatMapPlotBuilder
{
    private const float CellLabelSize = 11;

    /// <summary>Builds the plot for an image of <paramref name="width"/> × <paramref name="height"/> pixels, which decides whether cell labels fit.</summary>
    public static Plot Build(CategoryHeatMapSpec spec, int width, int height)
    {
        var categories = ResolveCategories(spec);
        var layout = new ChartLayout(width, height);
        var plot = PlotStyle.CreatePlot(spec.Title);
        var columns = spec.XLabels.Count;
        var rows = spec.YLabels.Count;
        var anyEmpty = false;

        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var name = spec.Cells[row][column];
                anyEmpty |= name is null;
                var cell = plot.Add.Rectangle(column - 0.5, column + 0.5, row - 0.5, row + 0.5);
                cell.FillColor = name is null ? ChartColors.EmptyCell : categories[name];
                cell.LineColor = Colors.White;
                cell.LineWidth = 1.5f;
            }
        }

        SetAxes(plot, spec, layout);
        AddLegend(plot, spec, categories, anyEmpty, layout);
        PlotStyle.FitToDataArea(plot, layout, spec.Title, spec.X.Label, spec.Y.Label);
        if (spec.LabelCells && rows > 0 && columns > 0)
        {
            AddCellLabels(plot, spec, categories, width, height);
        }

        return plot;
    }

    private static void SetAxes(Plot plot, CategoryHeatMapSpec spec, ChartLayout layout)
    {
        plot.XLabel(ChartText.Fit(spec.X.Label, ChartText.LabelLength), PlotStyle.AxisLabelSize);
        plot.YLabel(ChartText.Fit(spec.Y.Label, ChartText.LabelLength), PlotStyle.AxisLabelSize);
        plot.Axes.Bottom.TickGenerator = CategoryTicks(spec.XLabels, layout);
        plot.Axes.Left.TickGenerator = CategoryTicks(spec.YLabels, layout);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, Math.Max(spec.XLabels.Count, 1) - 0.5, -0.5, Math.Max(spec.YLabels.Count, 1) - 0.5);
        if (spec.XLabels.Count == 0 || spec.YLabels.Count == 0)
        {
            PlotStyle.AddNoDataNote(plot);
        }
    }

    private static NumericManual CategoryTicks(IReadOnlyList<string> labels, ChartLayout layout)
    {
        var ticks = new NumericManual();
        for (var i = 0; i < labels.Count; i++)
        {
            ticks.AddMajor(i, layout.Tick(labels[i]));
        }

        return ticks;
    }

    private static void AddLegend(Plot plot, CategoryHeatMapSpec spec, Dictionary<string, Color> categories, bool anyEmpty, ChartLayout layout)
    {
        var used = spec.Cells.SelectMany(row => row).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (name, color) in categories)
        {
            if (used.Contains(name))
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = layout.LegendEntry(name), FillColor = color });
            }
        }

        if (anyEmpty)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = layout.LegendEntry(spec.EmptyCellName), FillColor = ChartColors.EmptyCell });
        }

        if (plot.Legend.ManualItems.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }
    }

    /// <summary>
    /// Writes each cell's category inside it when the widest name fits the cell. The cell size comes from a
    /// layout pass at the final image size, because it depends on the tick labels and the legend.
    /// </summary>
    private static void AddCellLabels(Plot plot, CategoryHeatMapSpec spec, Dictionary<string, Color> categories, int width, int height)
    {
        plot.RenderInMemory(width, height);
        var dataRect = plot.LastRender.DataRect;
        var cellWidth = dataRect.Width / spec.XLabels.Count;
        var cellHeight = dataRect.Height / spec.YLabels.Count;

        using var font = new SKFont(ChartFonts.Regular, CellLabelSize);
        var widest = categories.Keys.Select(name => font.MeasureText(ChartLayout.PointLabel(name))).DefaultIfEmpty(0).Max();
        if (widest > cellWidth - 6 || CellLabelSize + 4 > cellHeight)
        {
            return;
        }

        for (var row = 0; row < spec.YLabels.Count; row++)
        {
            for (var column = 0; column < spec.XLabels.Count; column++)
            {
                if (spec.Cells[row][column] is not { } name)
                {
                    continue;
                }

                var text = plot.Add.Text(ChartLayout.PointLabel(name), column, row);
                text.LabelFontSize = CellLabelSize;
                text.LabelFontColor = ChartColors.TextOn(categories[name]);
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }
    }

    /// <summary>Returns the colour of each category, checking the cell grid's shape and that every cell names a known category.</summary>
    private static Dictionary<string, Color> ResolveCategories(CategoryHeatMapSpec spec)
    {
        if (spec.Cells.Count != spec.YLabels.Count)
        {
            throw new ArgumentException($"Heat map has {spec.Cells.Count} rows of cells but {spec.YLabels.Count} y labels; give one row per y label.", nameof(spec));
        }

        for (var row = 0; row < spec.Cells.Count; row++)
        {
            if (spec.Cells[row].Count != spec.XLabels.Count)
            {
                throw new ArgumentException($"Heat map row {row} ('{spec.YLabels[row]}') has {spec.Cells[row].Count} cells but there are {spec.XLabels.Count} x labels; give one cell (or null) per x label.", nameof(spec));
            }
        }

        var names = spec.Categories.Count > 0
            ? spec.Categories
            : spec.Cells.SelectMany(row => row).OfType<string>().Distinct(StringComparer.Ordinal).Select(name => new HeatMapCategory(name)).ToList();

        var colors = new Dictionary<string, Color>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!colors.TryAdd(names[i].Name, ChartColors.Resolve(names[i].Color, i)))
            {
                throw new ArgumentException($"Heat map category '{names[i].Name}' is listed twice; list each category once.", nameof(spec));
            }
        }

        var unknown = spec.Cells.SelectMany(row => row).OfType<string>().FirstOrDefault(name => !colors.ContainsKey(name));
        if (unknown is not null)
        {
            throw new ArgumentException($"Heat map cell category '{unknown}' is not in Categories; add it there or leave Categories empty.", nameof(spec));
        }

        return colors;
    }
}
