using System.Globalization;
using Fulcrum.Validation;
using Spectre.Console;

namespace Fulcrum.Reports.Tables;

/// <summary>The console summary of <c>fulcrum validate</c>: error statistics per accelerator.</summary>
public static class ValidationTable
{
    public static Table Summary(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title("Prediction error against published measurements")
            .AddColumns("Accelerator", "Rows priced", "Median |error|", "P90 |error|", "Median signed error");
        foreach (var s in report.Summaries.Concat(report.Overall is { } overall ? [overall] : []))
        {
            table.AddRow(
                Markup.Escape(s.Accelerator),
                s.Priced.ToString(CultureInfo.InvariantCulture),
                s.MedianAbsoluteError.ToString("P1", CultureInfo.InvariantCulture),
                s.P90AbsoluteError.ToString("P1", CultureInfo.InvariantCulture),
                s.MedianSignedError.ToString("P1", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
