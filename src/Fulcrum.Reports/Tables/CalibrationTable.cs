using System.Globalization;
using Fulcrum.Calibration;
using Fulcrum.Reports.Calibration;
using Fulcrum.Validation;
using Spectre.Console;

namespace Fulcrum.Reports.Tables;

/// <summary>The console output of <c>fulcrum calibrate</c>: fitted parameters, then errors before, after and cross-validated.</summary>
public static class CalibrationTable
{
    public static Table Parameters(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title(Markup.Escape($"{report.Accelerator} profile parameters"))
            .AddColumns("Parameter", "Unit", "Default", "Fitted", "Prior width", "Posterior width", "Status");
        foreach (var p in report.Parameters)
        {
            table.AddRow(
                Markup.Escape(p.Key),
                Markup.Escape(p.Unit),
                Number(p.Default),
                Number(p.Fitted),
                Number(p.PriorWidth),
                p.PosteriorWidth is { } w ? Number(w) : "-",
                Markup.Escape(CalibrationJson.Status(p.Status).Replace('_', ' ') + (p.AtBound ? ", at a bound" : string.Empty)));
        }

        return table;
    }

    public static Table Errors(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title("Median absolute error")
            .AddColumns("Metric", "Rows", "Datasheet defaults", "Fitted", "Cross-validated", "Target");
        foreach (var f in report.Figures)
        {
            table.AddRow(
                Markup.Escape(MetricGroups.Name(f.Group)),
                f.Rows.ToString(CultureInfo.InvariantCulture),
                Percent(f.DefaultMedianAbsoluteError),
                Percent(f.FittedMedianAbsoluteError),
                Percent(f.CrossValidatedMedianAbsoluteError),
                Percent(MetricGroups.Target(f.Group)));
        }

        table.AddRow("all", report.Rows.Count.ToString(CultureInfo.InvariantCulture), Percent(report.Before?.MedianAbsoluteError), Percent(report.After?.MedianAbsoluteError), Percent(report.CrossValidated?.MedianAbsoluteError), string.Empty);
        return table;
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double? fraction) => fraction is { } f ? f.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
