using System.Globalization;
using System.Text;
using Fulcrum.Reports.Files;

namespace Fulcrum.Reports.Csv;

/// <summary>
/// Writes tables as CSV by RFC 4180: comma-separated, CRLF line ends, a header row, and fields quoted when
/// they contain a comma, a double quote, a line break or leading or trailing spaces (inner quotes doubled).
/// Numbers use the invariant culture and round-trip exactly; null, NaN and infinities become empty fields
/// (missing data is empty, never 0).
/// </summary>
public static class CsvWriter
{
    private const string LineEnd = "\r\n";

    /// <summary>Returns the CSV text of a table.</summary>
    /// <exception cref="ArgumentException">A row has a different number of fields than the header.</exception>
    public static string ToCsv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, header, rows);
        return writer.ToString();
    }

    /// <summary>Writes the table atomically to <paramref name="path"/> as UTF-8 without a byte order mark, row by row.</summary>
    /// <exception cref="ArgumentException">A row has a different number of fields than the header (nothing is written).</exception>
    /// <exception cref="Fulcrum.Errors.InputException">The path is a folder or cannot be written.</exception>
    public static void Save(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true);
            Write(writer, header, rows);
        });
    }

    /// <summary>Formats one value as a CSV field, quoted if needed.</summary>
    public static string FormatField(object? value) => Quote(FormatValue(value));

    private static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (header.Count == 0)
        {
            throw new ArgumentException("A CSV table needs at least one column.", nameof(header));
        }

        WriteRecord(writer, header.Select(name => Quote(name)));
        var rowNumber = 0;
        foreach (var row in rows)
        {
            rowNumber++;
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"CSV row {rowNumber} has {row.Count} fields but the header has {header.Count}.", nameof(rows));
            }

            WriteRecord(writer, row.Select(FormatField));
        }
    }

    private static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields));
        writer.Write(LineEnd);
    }

    private static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        double number => double.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        float number => float.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string field)
    {
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        return needsQuotes ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
